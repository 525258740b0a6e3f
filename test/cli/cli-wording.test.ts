import { describe, expect, it } from 'vitest'
import { messageWithFlagHint } from '../../main/cli/cli-wording'

describe('messageWithFlagHint', () => {
  it('names the flag that would get past the error', () => {
    expect(messageWithFlagHint({ message: 'certificate of x not trusted; not continuing', remedy: 'trust-certificate' })).toBe(
      'certificate of x not trusted; not continuing (trust its CA with --ca PATH, or accept it anyway with --insecure)',
    )
    expect(
      messageWithFlagHint({ message: 'refusing to send the password over a connection without TLS; nothing was sent', remedy: 'allow-cleartext-auth' }),
    ).toBe('refusing to send the password over a connection without TLS; nothing was sent (use a server or port with TLS, or add --allow-plaintext-auth)')
  })

  it('leaves an error without a remedy as the engine said it', () => {
    expect(messageWithFlagHint({ message: 'the server closed the connection' })).toBe('the server closed the connection')
  })
})
