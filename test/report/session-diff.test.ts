// The comparison's TLS and reply checks on hand-made transcripts, and the reader's
// verdict on a damaged file: what the CLI and renderer tests do not reach with real peers.
import { describe, expect, it } from 'vitest'
import { compareSessions } from '../../main/report/session-diff'
import { SESSION_FORMAT, type SessionDocument } from '../../main/report/session-document'
import { readSessionDocument } from '../../main/report/session-reader'
import type { TlsInfo, WireEvent } from '../../main/smtp/types'

const tls = (protocol: string, fingerprint256: string): TlsInfo => ({
  protocol,
  cipher: 'TLS_AES_256_GCM_SHA384',
  certificates: [{ subject: 'CN=mx', issuer: 'CN=ca', altNames: [], validFrom: '', validTo: '', fingerprint256, serialNumber: '1' }],
  authorized: true,
  verificationSkipped: false,
  mode: 'implicit',
})

function document(handshake: TlsInfo, rcptReply: string): SessionDocument {
  const events: Array<Omit<WireEvent, 'seq' | 'at' | 'secure'>> = [
    { kind: 'tls', text: 'TLS', phase: 'connect', tls: handshake },
    { kind: 'server', text: '220 hi', phase: 'greeting', reply: { code: 220 } },
    { kind: 'client', text: 'RCPT TO:<a@x.test>', phase: 'rcpt' },
    { kind: 'server', text: rcptReply, phase: 'rcpt', reply: { code: Number(rcptReply.slice(0, 3)), enhanced: rcptReply.slice(4, 9) } },
  ]
  return {
    format: SESSION_FORMAT,
    kind: 'probe',
    writtenBy: 'test',
    startedAt: '2026-01-01T00:00:00.000Z',
    profile: { host: 'mx.test', port: 465, security: 'implicit' },
    transcript: events.map((event, seq) => ({ ...event, seq, at: seq, secure: true })),
  }
}

describe('compareSessions', () => {
  it('marks the TLS version and certificate, and the reply and enhanced codes, that changed', () => {
    const a = document(tls('TLSv1.2', 'AA:BB'), '250 2.1.5 ok')
    const b = document(tls('TLSv1.3', 'CC:DD'), '550 5.1.1 unknown')
    const comparison = compareSessions(a, b)
    expect(comparison.same).toBe(false)
    const handshake = comparison.steps.find((step) => step.key === 'tls')!
    expect(handshake.changes).toEqual([
      { field: 'tls protocol', a: 'TLSv1.2', b: 'TLSv1.3' },
      { field: 'certificate', a: 'AA:BB', b: 'CC:DD' },
    ])
    const rcpt = comparison.steps.find((step) => step.key === 'rcpt a@x.test')!
    expect(rcpt.changes).toEqual([
      { field: 'reply', a: '250', b: '550' },
      { field: 'enhanced', a: '2.1.5', b: '5.1.1' },
    ])
    expect(compareSessions(a, document(tls('TLSv1.2', 'AA:BB'), '250 2.1.5 fine too')).same).toBe(true)
  })
})

describe('readSessionDocument', () => {
  it('names the first damaged wire event', () => {
    const damaged = { ...document(tls('TLSv1.3', 'AA'), '250 2.1.5 ok'), transcript: [{ seq: 0, at: 0, kind: 'shout', text: 'x', phase: 'connect' }] }
    expect(readSessionDocument(JSON.stringify(damaged), 'run.json')).toEqual({
      ok: false,
      error: 'run.json is a damaged session file: transcript[0] has an unknown "kind"',
    })
  })
})
