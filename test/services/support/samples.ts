// Small, realistic session data for tests that do not run a real session.
import type { SendResult, WireEvent } from '../../../preload/contract'

export function sampleTranscript(): WireEvent[] {
  const lines: Array<Omit<WireEvent, 'seq' | 'at' | 'secure'>> = [
    { kind: 'info', text: 'Connected to 127.0.0.1:2525', phase: 'connect' },
    { kind: 'server', text: '220 postfix.mailwire.test ESMTP', phase: 'greeting', reply: { code: 220 } },
    { kind: 'client', text: 'EHLO mailwire.local', phase: 'ehlo' },
    { kind: 'server', text: '250 postfix.mailwire.test', phase: 'ehlo', reply: { code: 250 } },
    { kind: 'client', text: 'MAIL FROM:<alice@mailwire.test>', phase: 'mail' },
    { kind: 'server', text: '250 2.1.0 Ok', phase: 'mail', reply: { code: 250, enhanced: '2.1.0' } },
  ]
  return lines.map((line, seq) => ({ ...line, seq, at: seq * 3, secure: false }))
}

export function sampleResult(overrides: Partial<SendResult> = {}): SendResult {
  return {
    status: 'sent',
    recipients: [{ address: 'bob@mailwire.test', accepted: true, reply: { code: 250, enhanced: '2.1.5', lines: ['Ok'] } }],
    finalReply: { code: 250, enhanced: '2.0.0', lines: ['Ok: queued as 4ABC123'] },
    queueId: '4ABC123',
    timings: [{ phase: 'connect', start: 0, end: 2 }],
    dataBytes: 321,
    startedAt: '2026-01-28T12:00:00.000Z',
    durationMs: 18,
    ...overrides,
  }
}
