// TLS against smtp-server with the test CA: STARTTLS, implicit TLS, certificates that must
// be refused, and the per-session opt-out that accepts them with the verdict recorded;
// handshakes that fail (wrong port or mode, alerts) said in words with their code.
import { lookup } from 'node:dns/promises'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import tls from 'node:tls'
import { describe, expect, it } from 'vitest'
import { sendMail } from '../../main/smtp/index'
import type { MessageFactory, SessionOptions } from '../../main/smtp/types'
import { testPki } from '../support/test-ca'
import { startScriptedServer } from './support/scripted-server'
import { smtpServerForTest, type TestServerOptions } from './support/smtp-server'
import { recordWire } from './support/wire'

const message: MessageFactory = () => ({
  open: async function* () {
    yield Buffer.from('Subject: tls\r\n\r\nsecret-ish body\r\n')
  },
  eightBit: false,
})
const envelope = { from: 'a@example.test', to: ['b@example.test'] }

const pki = await testPki()
/** What OpenSSL's own error line carries: its error code, library, source file and line. */
const OPENSSL_LINE = /error:[0-9A-F]{8}|SSL routines|\.c:\d+/

async function send(serverOptions: TestServerOptions, options: Partial<SessionOptions>) {
  const server = await smtpServerForTest(serverOptions)
  const wire = recordWire()
  const result = await sendMail({ host: server.host, port: server.port, security: 'starttls', onWire: wire.onWire, ...options }, envelope, message)
  return { result, wire, server }
}

describe('STARTTLS', () => {
  it('upgrades, verifies with the given CA, forgets capabilities and says EHLO again', async () => {
    const { result, wire, server } = await send({}, { ca: pki.ca.cert })
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    expect(server.received[0]!.secure).toBe(true)
    expect(result.capabilitiesBeforeTls!.startTls).toBe(true)
    expect(result.capabilities!.startTls).toBe(false)
    const tls = result.tls!
    expect(tls).toMatchObject({ mode: 'starttls', authorized: true, verificationSkipped: false })
    expect(tls.protocol).toMatch(/^TLSv1\.[23]$/)
    expect(tls.cipher).not.toBe('unknown')
    expect(tls.certificates[0]!.subject).toBe('CN=localhost')
    expect(tls.certificates[0]!.issuer).toBe('CN=Mailwire Test CA')
    expect(tls.certificates[0]!.altNames).toEqual(['DNS:localhost', 'IP Address:127.0.0.1', 'IP Address:0:0:0:0:0:0:0:1'])
    expect(tls.certificates[0]!.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    expect(tls.certificates[0]!.serialNumber).toMatch(/^[0-9A-F]+$/)
    expect(Date.parse(tls.certificates[0]!.validTo)).toBeGreaterThan(Date.now())

    const lines = wire.lines()
    const starttls = lines.indexOf('C: STARTTLS')
    const ehlos = lines.map((line, index) => (line.startsWith('C: EHLO ') ? index : -1)).filter((index) => index >= 0)
    expect(ehlos).toHaveLength(2)
    expect(ehlos[0]).toBeLessThan(starttls)
    expect(ehlos[1]).toBeGreaterThan(starttls)
    // The tls event carries the details; from it on, every event is marked secure.
    const tlsEvent = wire.events.find((event) => event.kind === 'tls')!
    expect(tlsEvent.tls).toEqual(tls)
    expect(tlsEvent.text).toMatch(/verified/)
    for (const event of wire.events) expect(event.secure).toBe(event.seq >= tlsEvent.seq)
  })

  it('auto mode uses STARTTLS when it is offered', async () => {
    const { result } = await send({}, { security: 'auto', ca: pki.ca.cert })
    expect(result.status).toBe('sent')
    expect(result.tls!.mode).toBe('starttls')
  })

  it('auto mode goes on without TLS when STARTTLS is not offered and no password is sent', async () => {
    const { result, wire } = await send({ hideSTARTTLS: true }, { security: 'auto' })
    expect(result.status).toBe('sent')
    expect(result.tls).toBeUndefined()
    expect(wire.lines()).toContain('I: the server does not offer STARTTLS: continuing without TLS')
  })

  it('starttls mode fails before MAIL when STARTTLS is not offered', async () => {
    const { result, wire, server } = await send({ hideSTARTTLS: true }, {})
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'ETLS', phase: 'starttls' })
    expect(result.error!.message).toMatch(/does not offer STARTTLS/)
    expect(wire.lines().some((line) => /^C: (MAIL|AUTH)/.test(line))).toBe(false)
    expect(server.received).toHaveLength(0)
  })

  it('auto mode with credentials fails before AUTH when STARTTLS is not offered', async () => {
    const { result, wire } = await send(
      { hideSTARTTLS: true, allowInsecureAuth: true },
      { security: 'auto', auth: { user: 'ann', password: 'pw-123456' } },
    )
    expect(result.error).toMatchObject({ code: 'ETLS' })
    expect(wire.lines().some((line) => /^C: (MAIL|AUTH)/.test(line))).toBe(false)
  })

  it('starttls mode fails when STARTTLS is answered with something else than 220', async () => {
    const scripted = await startScriptedServer([
      { send: '220 x ESMTP\r\n' },
      { expect: /^EHLO / },
      { send: '250-x\r\n250 STARTTLS\r\n' },
      { expect: 'STARTTLS' },
      { send: '454 4.7.0 TLS not available due to temporary reason\r\n' },
      { expect: 'QUIT' },
      { send: '221 bye\r\n' },
    ])
    try {
      const result = await sendMail({ host: scripted.host, port: scripted.port, security: 'starttls' }, envelope, message)
      expect(result.error).toMatchObject({ code: 'ETLS', temporary: true })
      expect(result.error!.reply!.code).toBe(454)
      expect(scripted.written()).not.toMatch(/MAIL/)
    } finally {
      await scripted.close()
    }
  })

  // Trying each address in turn, when one refuses, is address-fallback.test.ts (this machine's
  // localhost may have one address only).
  it('connects by host name, to the addresses the resolver gives in its order, and verifies that name', async () => {
    const { result, wire, server } = await send({}, { host: 'localhost', ca: pki.ca.cert })
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    expect(result.tls!.authorized).toBe(true)
    const resolved = (await lookup('localhost', { all: true })).map((entry) => entry.address)
    const info = wire.events.filter((event) => event.kind === 'info').map((event) => event.text)
    expect(info[0]).toBe('resolving localhost')
    expect(info[1]).toBe(`localhost is ${resolved.join(', ')}`)
    // The server listens on 127.0.0.1 only: every address before it was tried and refused.
    const tried = info.filter((text) => text.startsWith('connecting to ')).map((text) => text.replace(/^connecting to \[?([^\]]+?)\]? port \d+$/, '$1'))
    expect(tried).toEqual(resolved.slice(0, resolved.indexOf('127.0.0.1') + 1))
    expect(info.some((text) => text.startsWith(`connected to 127.0.0.1 port ${server.port} from`))).toBe(true)
  })

  it('verifies the host name given as servername when connecting by address', async () => {
    const { result } = await send({}, { ca: pki.ca.cert, servername: 'localhost' })
    expect(result.tls!.authorized).toBe(true)
  })
})

describe('implicit TLS', () => {
  it('speaks TLS from the first byte', async () => {
    const { result, wire, server } = await send({ secure: true }, { security: 'implicit', ca: pki.ca.cert })
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    expect(result.tls).toMatchObject({ mode: 'implicit', authorized: true })
    expect(result.capabilitiesBeforeTls).toBeUndefined()
    expect(server.received[0]!.secure).toBe(true)
    // The handshake comes before the greeting; every SMTP line is secure.
    expect(wire.events.filter((event) => event.kind === 'server' || event.kind === 'client').every((event) => event.secure)).toBe(true)
  })

  it('says plainly when the port does not speak TLS: the code and a sentence, not OpenSSL\'s line', async () => {
    const { result } = await send({ hideSTARTTLS: true }, { security: 'implicit', ca: pki.ca.cert, timeouts: { connect: 3000 } })
    expect(result.error!.code).toBe('ETLS')
    expect(result.error!.message).toMatch(
      /^TLS handshake with 127\.0\.0\.1 port \d+ failed: wrong version number \(ERR_SSL_WRONG_VERSION_NUMBER\) — the server does not speak TLS on this port: is it plain SMTP \(or STARTTLS\) rather than implicit TLS\?$/,
    )
    expect(result.error!.message).not.toMatch(OPENSSL_LINE)
  })

  it('a TLS port spoken to in plain SMTP stays silent: the greeting timeout says implicit TLS may be why', async () => {
    const { result } = await send({ secure: true }, { security: 'starttls', ca: pki.ca.cert, timeouts: { greeting: 200 } })
    expect(result.error).toMatchObject({ code: 'ETIMEOUT', phase: 'greeting' })
    expect(result.error!.message).toMatch(/^no greeting from the server within .*; .*is this port implicit TLS \(often 465\)\?$/)
  })
})

describe('handshakes the server ends with an alert', () => {
  /** A bare implicit-TLS server with these settings; it greets whoever gets through. */
  async function tlsServer(settings: tls.TlsOptions): Promise<{ port: number; close(): Promise<void> }> {
    const server = tls.createServer({ key: pki.server.key, cert: pki.server.cert, ...settings }, (socket) => socket.end('220 hi\r\n'))
    server.on('tlsClientError', () => undefined)
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) }
  }

  it.each([
    [
      'only TLS 1.1 and older',
      { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' },
      /failed: tlsv1 alert protocol version \(ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION\) — no common TLS version: the server offers only versions older than TLS 1\.2$/,
    ],
    [
      'a client certificate required',
      { maxVersion: 'TLSv1.2', requestCert: true, rejectUnauthorized: true },
      /failed: sslv3 alert handshake failure \(ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE\) — the server refused the handshake \(no cipher in common, or it wants a client certificate\)$/,
    ],
  ] as const)('%s: the alert and what it usually means', async (_name, settings, explained) => {
    const server = await tlsServer(settings as tls.TlsOptions)
    try {
      const result = await sendMail({ host: '127.0.0.1', port: server.port, security: 'implicit', ca: pki.ca.cert }, envelope, message)
      expect(result.error).toMatchObject({ code: 'ETLS', phase: 'connect' })
      expect(result.error!.message).toMatch(explained)
      expect(result.error!.message).not.toMatch(OPENSSL_LINE)
    } finally {
      await server.close()
    }
  })
})

describe('TLS after a STARTTLS the server does not honour', () => {
  it('names what happened when plaintext follows the 220: the code and a sentence, not OpenSSL\'s line', async () => {
    const scripted = await startScriptedServer([
      { send: '220 scripted ESMTP\r\n' },
      { expect: /^EHLO / },
      { send: '250-scripted\r\n250 STARTTLS\r\n' },
      { expect: 'STARTTLS' },
      { send: '220 2.0.0 go ahead\r\n' },
      { send: '220 scripted ESMTP, still in plain text\r\n' },
      { waitForClose: true },
    ])
    try {
      const result = await sendMail({ host: scripted.host, port: scripted.port, security: 'starttls', ca: pki.ca.cert }, envelope, message)
      expect(result.error).toMatchObject({ code: 'ETLS', phase: 'starttls' })
      expect(result.error!.message).toMatch(/failed: wrong version number \(ERR_SSL_WRONG_VERSION_NUMBER\) — the server said yes to STARTTLS but did not speak TLS after it$/)
      expect(result.error!.message).not.toMatch(OPENSSL_LINE)
    } finally {
      await scripted.close()
    }
  })
})

describe('certificates that do not verify', () => {
  const cases = [
    ['expired', /has expired/, 'CERT_HAS_EXPIRED'],
    ['wrongHost', /not valid for this host name/, 'ERR_TLS_CERT_ALTNAME_INVALID'],
    ['selfSigned', /self-signed/, 'DEPTH_ZERO_SELF_SIGNED_CERT'],
  ] as const

  for (const [kind, explanation, code] of cases) {
    it(`refuses a ${kind} certificate with a clear ETLS error, nothing sent inside`, async () => {
      const { result, wire, server } = await send({ key: pki[kind].key, cert: pki[kind].cert }, { ca: pki.ca.cert })
      expect(result.status).toBe('failed')
      expect(result.error).toMatchObject({ code: 'ETLS', phase: 'starttls' })
      expect(result.error!.message).toMatch(explanation)
      expect(result.error!.message).toContain(code)
      // Complete and neutral: each face (CLI, app) names its own setting from the remedy.
      expect(result.error!.message).toMatch(/; not continuing$/)
      expect(result.error!.message).not.toMatch(/rejectUnauthorized|insecure/)
      expect(result.error!.remedy).toBe('trust-certificate')
      // The certificate that failed is reported, with its verdict.
      expect(result.tls).toMatchObject({ authorized: false, authorizationError: code, verificationSkipped: false })
      const afterTls = wire.events.filter((event) => event.secure && event.kind === 'client')
      expect(afterTls).toEqual([])
      expect(server.received).toHaveLength(0)
    })

    it(`accepts a ${kind} certificate with rejectUnauthorized: false and records the verdict`, async () => {
      const { result, wire } = await send({ key: pki[kind].key, cert: pki[kind].cert }, { ca: pki.ca.cert, rejectUnauthorized: false })
      expect(result.status, JSON.stringify(result.error)).toBe('sent')
      expect(result.tls).toMatchObject({ authorized: false, authorizationError: code, verificationSkipped: true })
      expect(wire.events.find((event) => event.kind === 'tls')!.text).toMatch(/NOT verified/)
    })
  }

  it('refuses a certificate from a CA that was not given', async () => {
    const { result } = await send({}, {})
    expect(result.error!.code).toBe('ETLS')
    expect(result.error!.message).toMatch(/not signed by a trusted authority|self-signed/)
  })

  it('refuses an expired certificate on an implicit-TLS port before reading the greeting', async () => {
    const { result, wire } = await send({ secure: true, key: pki.expired.key, cert: pki.expired.cert }, { security: 'implicit', ca: pki.ca.cert })
    expect(result.error).toMatchObject({ code: 'ETLS', phase: 'connect' })
    expect(wire.events.some((event) => event.kind === 'server')).toBe(false)
  })
})
