import { describe, expect, it } from 'vitest'
import { formatResult } from '../../main/report/format-result'
import type { SendResult } from '../../main/smtp/types'

const base: SendResult = {
  status: 'sent',
  recipients: [
    { address: 'a@mailwire.test', accepted: true, reply: { code: 250, enhanced: '2.1.5', lines: ['Ok'] } },
    { address: 'b@mailwire.test', accepted: true, reply: { code: 250, enhanced: '2.1.5', lines: ['Ok'] } },
  ],
  finalReply: { code: 250, enhanced: '2.0.0', lines: ['Ok: queued as 4AbC123'] },
  queueId: '4AbC123',
  timings: [
    { phase: 'connect', start: 0, end: 1.25 },
    { phase: 'greeting', start: 1.25, end: 3.5 },
    { phase: 'rcpt', start: 3.5, end: 4 },
  ],
  dataBytes: 321,
  startedAt: '2025-01-01T00:00:00.000Z',
  durationMs: 9.87,
}

describe('formatResult', () => {
  it('says it was sent, to whom, the queue id and the timings of each phase', () => {
    const text = formatResult(base)
    expect(text).toMatch(/^Sent: all 2 recipients were accepted, queued as 4AbC123 \(250 2\.0\.0 Ok: queued as 4AbC123\)\.\n/)
    expect(text).toContain('  accepted  a@mailwire.test  250 2.1.5 Ok  (Requested mail action okay, completed · destination address valid)')
    expect(text).toContain('Message: 321 bytes sent through DATA.')
    expect(text).toContain('Timings: connect 1.3ms, greeting 2.3ms, rcpt 0.5ms, total 9.9ms.')
    expect(text).not.toContain('\n\n')
  })

  it('names each refused recipient with the reply and its meaning when partly sent', () => {
    const text = formatResult({
      ...base,
      status: 'partial',
      recipients: [
        base.recipients[0]!,
        { address: 'reject@mailwire.test', accepted: false, reply: { code: 550, enhanced: '5.1.1', lines: ['Recipient refused'] } },
      ],
    })
    expect(text).toMatch(/^Partly sent: 1 of 2 recipients accepted/)
    expect(text).toContain('refused   reject@mailwire.test  550 5.1.1 Recipient refused  (')
    // Addresses are padded so the replies start in one column.
    expect(text).toContain('accepted  a@mailwire.test       250 2.1.5 Ok  (')
    expect(text).toContain('bad destination mailbox address)')
  })

  it('says nothing was delivered when every recipient was refused', () => {
    const text = formatResult({
      ...base,
      status: 'refused',
      finalReply: undefined,
      queueId: undefined,
      dataBytes: 0,
      recipients: [{ address: 'x@y.test', accepted: false, reply: { code: 550, lines: ['no'] } }],
    })
    expect(text).toMatch(/^Refused: the server refused the recipient; nothing was delivered\./)
    expect(text).not.toContain('Message:')
  })

  it('warns that the message may have been delivered when the outcome is unknown', () => {
    expect(formatResult({ ...base, status: 'unknown', finalReply: undefined })).toMatch(/^Outcome unknown: .*may have been delivered/)
  })

  it('gives the error and the server reply on failure, shown safely', () => {
    const text = formatResult({
      ...base,
      status: 'failed',
      recipients: [],
      error: {
        code: 'ECONNECT',
        message: 'the server refused the session',
        reply: { code: 421, enhanced: '4.3.2', lines: ['bye \u001b[31mnow'] },
      },
    })
    expect(text).toMatch(/^Failed: the server refused the session\./)
    expect(text).toContain('Server said: 421 4.3.2 bye ␛[31mnow')
  })

  it('says so when the session stopped early as asked', () => {
    const text = formatResult({ ...base, finalReply: undefined, queueId: undefined, dataBytes: 0, stoppedAfter: 'rcpt' })
    expect(text).toMatch(/^Stopped after rcpt as asked/)
  })

  it('gives the TLS protocol, cipher and verdict', () => {
    const text = formatResult({
      ...base,
      tls: {
        protocol: 'TLSv1.3',
        cipher: 'TLS_AES_256_GCM_SHA384',
        certificates: [],
        authorized: false,
        authorizationError: 'CERT_HAS_EXPIRED',
        verificationSkipped: true,
        mode: 'starttls',
      },
    })
    expect(text).toContain('TLS: TLSv1.3, TLS_AES_256_GCM_SHA384, certificate NOT verified (CERT_HAS_EXPIRED; accepted because verification is off).')
  })

  it('colours only when asked', () => {
    expect(formatResult(base)).not.toContain('\u001b')
    expect(formatResult(base, { color: true })).toContain('\u001b[32m')
  })
})
