import { describe, expect, it } from 'vitest'
import { MASK, createRedactor, secretForms } from '../../main/services/session/redact'

const b64 = (text: string) => Buffer.from(text).toString('base64')

describe('redaction', () => {
  const redact = createRedactor(secretForms('alice', 'hunter2!'))

  it('masks the password in clear and as AUTH PLAIN, LOGIN and XOAUTH2 send it', () => {
    const lines = [
      'password hunter2!',
      `AUTH PLAIN ${b64('\0alice\0hunter2!')}`,
      `AUTH PLAIN ${b64('alice\0alice\0hunter2!')}`,
      b64('hunter2!'),
      `AUTH XOAUTH2 ${b64('user=alice\x01auth=Bearer hunter2!\x01\x01')}`,
    ]
    for (const line of redact(lines)) {
      expect(line).toContain(MASK)
      expect(line).not.toContain('hunter2!')
      expect(line).not.toContain(b64('hunter2!'))
    }
  })

  it('walks nested objects and arrays, and copies instead of changing them', () => {
    const result = { error: { message: 'rejected hunter2!', reply: { lines: ['x', 'hunter2!'] } }, dataBytes: 3 }
    expect(redact(result)).toEqual({ error: { message: `rejected ${MASK}`, reply: { lines: ['x', MASK] } }, dataBytes: 3 })
    expect(result.error.message).toBe('rejected hunter2!')
  })

  it('leaves everything alone without a password', () => {
    const value = { text: 'AUTH PLAIN AGFsaWNlAGh1bnRlcjIh' }
    expect(createRedactor(secretForms('alice', ''))(value)).toBe(value)
  })
})
