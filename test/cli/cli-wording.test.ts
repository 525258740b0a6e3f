import { describe, expect, it } from 'vitest'
import { cliWording } from '../../main/cli/cli-wording'

describe('cliWording', () => {
  it('names the flags instead of the engine options', () => {
    expect(cliWording('not trusted; not continuing (set rejectUnauthorized: false to accept it anyway)')).toBe(
      'not trusted; not continuing (trust its CA with --ca PATH, or accept it anyway with --insecure)',
    )
    expect(cliWording('refusing to send the password over a connection without TLS (allowPlaintextAuth is off); nothing was sent')).toBe(
      'refusing to send the password over a connection without TLS (add --allow-plaintext-auth to allow it); nothing was sent',
    )
  })

  it('passes other text through unchanged', () => {
    expect(cliWording('the server closed the connection')).toBe('the server closed the connection')
  })
})
