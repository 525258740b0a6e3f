import { describe, expect, it } from 'vitest'
import { formatProbe } from '../../main/report/format-probe'
import { diffCapabilities } from '../../main/smtp/capability-diff'
import type { ProbeResult } from '../../main/smtp/probe'
import type { Capabilities } from '../../main/smtp/types'

const caps = (raw: string[], startTls = false): Capabilities => ({
  raw,
  helo: false,
  pipelining: true,
  eightBitMime: true,
  smtpUtf8: false,
  enhancedStatusCodes: false,
  startTls,
  auth: [],
  dsn: false,
  chunking: false,
})

const DAY = 24 * 60 * 60 * 1000
const now = Date.parse('2025-06-01T00:00:00Z')

const probe: ProbeResult = {
  host: '::1',
  port: 587,
  greeting: { code: 220, lines: ['mx.test ESMTP'] },
  clientName: 'me.test',
  capabilitiesBeforeTls: caps(['PIPELINING', 'SIZE 1000', 'STARTTLS'], true),
  capabilities: caps(['PIPELINING', 'SIZE 2000', 'AUTH PLAIN LOGIN']),
  tls: {
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_128_GCM_SHA256',
    authorized: true,
    verificationSkipped: false,
    mode: 'starttls',
    certificates: [
      {
        subject: 'CN=mx.test',
        issuer: 'CN=Test CA',
        altNames: ['DNS:mx.test', 'DNS:\u202etset.xm'],
        validFrom: new Date(now - 10 * DAY).toISOString(),
        validTo: new Date(now + 45 * DAY + 1000).toISOString(),
        fingerprint256: 'AB:CD',
        serialNumber: '01',
      },
      { subject: 'CN=Test CA', issuer: 'CN=Test CA', altNames: [], validFrom: '', validTo: '', fingerprint256: '', serialNumber: '' },
    ],
  },
  timings: [{ phase: 'connect', start: 0, end: 1 }],
  startedAt: '2025-06-01T00:00:00.000Z',
  durationMs: 5,
}

describe('diffCapabilities (the rows of the side-by-side table)', () => {
  it('keeps the server order, then adds what appeared after TLS', () => {
    expect(diffCapabilities(probe.capabilitiesBeforeTls!, probe.capabilities!)).toEqual([
      { keyword: 'PIPELINING', before: 'PIPELINING', after: 'PIPELINING', change: 'same' },
      { keyword: 'SIZE', before: 'SIZE 1000', after: 'SIZE 2000', change: 'changed' },
      { keyword: 'STARTTLS', before: 'STARTTLS', change: 'disappeared' },
      { keyword: 'AUTH', after: 'AUTH PLAIN LOGIN', change: 'appeared' },
    ])
  })
})

describe('formatProbe', () => {
  const text = formatProbe(probe, { now })

  it('names the server, the greeting and the EHLO name', () => {
    expect(text).toMatch(/^Probe of \[::1\]:587 finished\.\n/)
    expect(text).toContain('Greeting: 220 mx.test ESMTP\n')
    expect(text).toContain('Sent EHLO as: me.test\n')
  })

  it('lines the capabilities up side by side and flags what disappeared, appeared or changed', () => {
    expect(text).toContain(
      [
        '  before TLS    after TLS',
        '  PIPELINING    PIPELINING',
        '  SIZE 1000     SIZE 2000   (changed)',
        '  STARTTLS      —   (disappeared after TLS)',
        '  —             AUTH PLAIN LOGIN   (appeared after TLS)',
      ].join('\n'),
    )
  })

  it('gives the certificate: subject, issuer, names (made safe), validity with days left, fingerprint, chain', () => {
    expect(text).toContain('TLS (STARTTLS): TLSv1.3, TLS_AES_128_GCM_SHA256, certificate verified\n')
    expect(text).toContain('  names (SAN): DNS:mx.test, DNS:\\u{202e}tset.xm\n')
    expect(text).toMatch(/ {2}valid: +2025-05-22T00:00:00\.000Z to 2025-07-16T00:00:01\.000Z \(45 days left\)\n/)
    expect(text).toContain('  sha256:      AB:CD\n')
    expect(text).toContain('Chain sent by the server: CN=Test CA\n')
  })

  it('says why the probe did not finish', () => {
    const failed = formatProbe({ ...probe, error: { code: 'ETLS', message: 'the server refused STARTTLS' } }, { now })
    expect(failed).toMatch(/^Probe of \[::1\]:587 did not finish: the server refused STARTTLS\./)
  })

  it('shows a single column for implicit TLS', () => {
    const implicit = formatProbe({ ...probe, capabilitiesBeforeTls: undefined, tls: { ...probe.tls!, mode: 'implicit' } }, { now })
    expect(implicit).toContain('Capabilities (TLS from the first byte):\n  PIPELINING\n  SIZE 2000\n  AUTH PLAIN LOGIN\n')
  })
})
