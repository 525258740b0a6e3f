import { describe, expect, it } from 'vitest'
import { exitCodeFor, reasonFor } from '../../main/cli/exit-codes'
import type { SendResult, SmtpErrorInfo } from '../../main/smtp/types'

const ok = { code: 250, enhanced: '2.1.5', lines: ['Ok'] }
const no = { code: 550, enhanced: '5.1.1', lines: ['User unknown'] }

function result(patch: Partial<SendResult>): SendResult {
  return { status: 'sent', recipients: [], timings: [], dataBytes: 0, startedAt: '', durationMs: 0, ...patch }
}

const failed = (error: SmtpErrorInfo) => result({ status: 'failed', error })

describe('exit codes', () => {
  it('0 when sent', () => {
    expect(exitCodeFor(result({ status: 'sent' }))).toBe(0)
    expect(reasonFor(result({ status: 'sent' }))).toBeUndefined()
  })

  it('1 when some or all recipients were refused, naming the first', () => {
    const partial = result({
      status: 'partial',
      recipients: [
        { address: 'a@x.test', accepted: true, reply: ok },
        { address: 'r1@x.test', accepted: false, reply: no },
        { address: 'r2@x.test', accepted: false, reply: no },
      ],
    })
    expect(exitCodeFor(partial)).toBe(1)
    expect(reasonFor(partial)).toBe('the server refused 2 of 3 recipients (r1@x.test: 550 5.1.1 User unknown and 1 more)')
    const all = result({ status: 'refused', recipients: [{ address: 'r1@x.test', accepted: false, reply: no }] })
    expect(exitCodeFor(all)).toBe(1)
    expect(reasonFor(all)).toBe('the server refused every recipient (r1@x.test: 550 5.1.1 User unknown)')
  })

  it('1 when the server refused the sender, the message or the login', () => {
    for (const code of ['EENVELOPE', 'EMESSAGE', 'EAUTH'] as const) {
      expect(exitCodeFor(failed({ code, message: 'refused', reply: { code: 554, lines: ['no'] } }))).toBe(1)
    }
  })

  it('2 when the engine refused before sending: cleartext AUTH, or input this server cannot take', () => {
    expect(exitCodeFor(failed({ code: 'EPOLICY', message: 'AUTH over cleartext refused' }))).toBe(2)
    expect(exitCodeFor(failed({ code: 'EENVELOPE', message: 'non-ASCII address needs SMTPUTF8' }))).toBe(2)
    expect(exitCodeFor(failed({ code: 'EMESSAGE', message: 'larger than SIZE' }))).toBe(2)
  })

  it('2 when TLS was required only because a password was to be sent and the server offers no STARTTLS', () => {
    const noStartTls = result({
      status: 'failed',
      error: { code: 'ETLS', message: 'the server does not offer STARTTLS, and TLS is required' },
      capabilities: { raw: [], helo: false, pipelining: false, eightBitMime: false, smtpUtf8: false, enhancedStatusCodes: false, startTls: false, auth: ['PLAIN'], dsn: false, chunking: false },
    })
    expect(exitCodeFor(noStartTls, { credentials: true })).toBe(2)
    expect(reasonFor(noStartTls, { credentials: true })).toMatch(/password would go out in cleartext: refused, nothing was sent/)
    // Without a password to protect, missing STARTTLS under --tls starttls is the server's failing.
    expect(exitCodeFor(noStartTls)).toBe(3)
    expect(exitCodeFor(noStartTls, { credentials: true, allowPlaintextAuth: true })).toBe(3)
  })

  it('3 for connection, TLS, protocol, timeout and cancel failures, and for a 421 at any step', () => {
    for (const code of ['ECONNECT', 'ETIMEOUT', 'ETLS', 'EPROTOCOL', 'ECANCELLED'] as const) {
      expect(exitCodeFor(failed({ code, message: 'x' }))).toBe(3)
    }
    expect(exitCodeFor(failed({ code: 'EENVELOPE', message: 'x', reply: { code: 421, lines: ['closing'] } }))).toBe(3)
    expect(reasonFor(failed({ code: 'ECONNECT', message: 'greeting refused', reply: { code: 421, lines: ['busy'] } }))).toBe(
      'greeting refused (421 busy)',
    )
  })

  it('3 when the outcome is unknown, warning that it may have been delivered', () => {
    const unknown = result({ status: 'unknown' })
    expect(exitCodeFor(unknown)).toBe(3)
    expect(reasonFor(unknown)).toMatch(/may have been delivered/)
  })
})
