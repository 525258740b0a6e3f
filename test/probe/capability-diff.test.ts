// The capability diff shared by `mailwire probe` and the app's probe view, fed by a real
// probe of a scripted server whose EHLO lists differ before and after STARTTLS.
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { diffCapabilities, probeServer } from '../../main/smtp/index'
import { formatProbe } from '../../main/report/format-probe'
import type { Capabilities } from '../../main/smtp/types'
import { testPki, type TestPki } from '../support/test-ca'
import { startScriptedServer, type ScriptedServer } from '../smtp/support/scripted-server'

let pki: TestPki
let server: ScriptedServer | undefined
beforeAll(async () => {
  pki = await testPki()
})
afterEach(async () => {
  await server?.close()
  server = undefined
})

const caps = (raw: string[]): Capabilities => ({
  raw,
  helo: false,
  pipelining: false,
  eightBitMime: false,
  smtpUtf8: false,
  enhancedStatusCodes: false,
  startTls: false,
  auth: [],
  dsn: false,
  chunking: false,
})

describe('diffCapabilities', () => {
  it('flags a capability that disappears and one that appears after STARTTLS', async () => {
    server = await startScriptedServer([
      { send: '220 mx.test ESMTP\r\n' },
      { expect: /^EHLO / },
      { send: '250-mx.test\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250-VRFY\r\n250 STARTTLS\r\n' },
      { expect: 'STARTTLS' },
      { send: '220 2.0.0 go ahead\r\n' },
      { startTls: true },
      { expect: /^EHLO / },
      { send: '250-mx.test\r\n250-PIPELINING\r\n250-SIZE 2000\r\n250 AUTH PLAIN LOGIN\r\n' },
      { expect: 'QUIT' },
      { send: '221 bye\r\n' },
    ])
    const probe = await probeServer({ host: server.host, port: server.port, security: 'auto', ca: pki.ca.cert })
    expect(probe.error).toBeUndefined()
    const rows = diffCapabilities(probe.capabilitiesBeforeTls!, probe.capabilities!)
    expect(rows).toEqual([
      { keyword: 'PIPELINING', before: 'PIPELINING', after: 'PIPELINING', change: 'same' },
      { keyword: 'SIZE', before: 'SIZE 1000', after: 'SIZE 2000', change: 'changed' },
      { keyword: 'VRFY', before: 'VRFY', change: 'disappeared' },
      { keyword: 'STARTTLS', before: 'STARTTLS', change: 'disappeared' },
      { keyword: 'AUTH', after: 'AUTH PLAIN LOGIN', change: 'appeared' },
    ])
    // The CLI report prints the very same rows.
    const report = formatProbe(probe)
    expect(report).toMatch(/^ {2}VRFY +— {3}\(disappeared after TLS\)$/m)
    expect(report).toMatch(/^ {2}— +AUTH PLAIN LOGIN {3}\(appeared after TLS\)$/m)
    expect(report).toMatch(/^ {2}SIZE 1000 +SIZE 2000 {3}\(changed\)$/m)
  })

  it('matches keywords whatever their case, and keeps legacy AUTH= as its own keyword', () => {
    const rows = diffCapabilities(caps(['pipelining', 'AUTH=LOGIN']), caps(['PIPELINING', 'AUTH=LOGIN', 'AUTH LOGIN']))
    expect(rows.map((row) => [row.keyword, row.change])).toEqual([
      ['PIPELINING', 'changed'],
      ['AUTH=LOGIN', 'same'],
      ['AUTH', 'appeared'],
    ])
  })

  it('has nothing to flag when both lists are the same', () => {
    const rows = diffCapabilities(caps(['8BITMIME', 'DSN']), caps(['8BITMIME', 'DSN']))
    expect(rows.map((row) => [row.keyword, row.change])).toEqual([
      ['8BITMIME', 'same'],
      ['DSN', 'same'],
    ])
  })
})
