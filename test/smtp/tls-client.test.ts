// The handshake as the user sets it, against a node:tls server: TLS version limits (1.0 and
// 1.1 with the security level lowered for that connection, and said so), ciphers, SNI
// (a chosen name, or none), and client certificates (PEM, an encrypted key, PKCS#12).
import { execFileSync } from 'node:child_process'
import { createPrivateKey } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { probeServer } from '../../main/smtp/index'
import type { SessionOptions, TlsClientOptions } from '../../main/smtp/types'
import { createCa, issueClientCertificate, testPki } from '../support/test-ca'
import { startTlsSmtpServer } from './support/tls-smtp-server'
import { recordWire } from './support/wire'

const pki = await testPki()
const client = await issueClientCertificate(pki.ca, 'client.mailwire.test')
const stranger = await issueClientCertificate(await createCa('Some Other CA'), 'stranger.mailwire.test')
const PASSPHRASE = 'Key-Passphrase-7d21'
const LOW_LEVEL = 'DEFAULT@SECLEVEL=0'
const dir = mkdtempSync(join(tmpdir(), 'mailwire-tls-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function probe(serverOptions: Parameters<typeof startTlsSmtpServer>[0], tlsClient: TlsClientOptions, extra: Partial<SessionOptions> = {}) {
  const server = await startTlsSmtpServer({ key: pki.server.key, cert: pki.server.cert, ...serverOptions })
  const wire = recordWire()
  try {
    const result = await probeServer({ host: 'localhost', port: server.port, security: 'implicit', ca: pki.ca.cert, tlsClient, onWire: wire.onWire, ...extra })
    return { result, wire, handshakes: server.handshakes }
  } finally {
    await server.close()
  }
}

describe('TLS versions and ciphers', () => {
  it('--tls-max 1.2 against a server that speaks 1.3: TLS 1.2 is used', async () => {
    const { result } = await probe({}, { maxVersion: '1.2' })
    expect(result.error).toBeUndefined()
    expect(result.tls?.protocol).toBe('TLSv1.2')
  })

  it('a TLS 1.0-only server: refused by default, accepted with min 1.0 (security level lowered, and said so)', async () => {
    const old = { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: LOW_LEVEL } as const
    const refused = await probe(old, {})
    expect(refused.result.error).toMatchObject({ code: 'ETLS' })

    const { result, wire } = await probe(old, { minVersion: '1.0' })
    expect(result.error, JSON.stringify(result.error)).toBeUndefined()
    expect(result.tls?.protocol).toBe('TLSv1')
    expect(wire.lines().some((line) => /TLS 1\.0 allowed: OpenSSL's security level is lowered to 0 for this connection only/.test(line))).toBe(true)
  })

  it('TLS 1.1 within min 1.0 max 1.1', async () => {
    const { result } = await probe({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: LOW_LEVEL }, { minVersion: '1.0', maxVersion: '1.1' })
    expect(result.tls?.protocol).toBe('TLSv1.1')
  })

  it('a cipher list with nothing in common fails the handshake', async () => {
    const { result } = await probe({ maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES256-GCM-SHA384' }, { maxVersion: '1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256' })
    expect(result.error).toMatchObject({ code: 'ETLS' })
    const { result: ok } = await probe({ maxVersion: 'TLSv1.2' }, { maxVersion: '1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256' })
    expect(ok.tls?.cipher).toBe('TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256')
  })

  it('min above max is an ETLS before connecting', async () => {
    const { result, handshakes } = await probe({}, { minVersion: '1.3', maxVersion: '1.2' })
    expect(result.error).toMatchObject({ code: 'ETLS' })
    expect(handshakes).toHaveLength(0)
  })
})

describe('SNI', () => {
  it('sends the host name by default, a chosen name, or none; the certificate is still checked against the host', async () => {
    expect((await probe({}, {})).handshakes[0]!.servername).toBe('localhost')
    const chosen = await probe({}, { sni: 'mail.example.test' })
    expect(chosen.handshakes[0]!.servername).toBe('mail.example.test')
    expect(chosen.result.tls?.authorized).toBe(true)
    const none = await probe({}, { sni: null })
    expect(none.handshakes[0]!.servername).toBeFalsy()
    expect(none.wire.lines()).toContain('I: no SNI sent, as asked')
  })
})

describe('client certificates', () => {
  const requiring = { requestCert: true, rejectUnauthorized: true, ca: pki.ca.cert }

  it('a server that requires one: refused without, accepted with (PEM), and the log names the certificate', async () => {
    const without = await probe(requiring, {})
    // TLS 1.3: the refusal is an alert after the handshake, on the first read.
    expect(without.result.error).toMatchObject({ code: 'ETLS', remedy: 'client-certificate' })
    expect(without.result.error!.message).toMatch(/the server requires a client certificate \(alert "certificate required"\)/)
    expect(without.handshakes).toHaveLength(0)

    const { result, wire, handshakes } = await probe(requiring, { cert: client.cert, key: client.key })
    expect(result.error, JSON.stringify(result.error)).toBeUndefined()
    expect(handshakes[0]).toMatchObject({ clientCn: 'client.mailwire.test', authorized: true })
    const line = wire.lines().find((text) => text.startsWith('I: client certificate'))
    expect(line).toMatch(/CN=client\.mailwire\.test, issued by CN=Mailwire Test CA, SHA-256 [0-9A-F:]{95}/)
  })

  it('a certificate from another CA is refused by the server', async () => {
    const { result, handshakes } = await probe(requiring, { cert: stranger.cert, key: stranger.key })
    // node:tls closes without an alert here (ECONNECT); OpenSSL servers send "unknown ca".
    expect(result.error).toBeDefined()
    expect(handshakes).toHaveLength(0)
  })

  it('an encrypted key: its passphrase opens it (masked), a wrong one is an ETLS before connecting', async () => {
    const encrypted = createPrivateKey(client.key).export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }).toString()
    const ok = await probe(requiring, { cert: client.cert, key: encrypted, passphrase: PASSPHRASE })
    expect(ok.result.error, JSON.stringify(ok.result.error)).toBeUndefined()
    expect(ok.wire.dump()).not.toContain(PASSPHRASE)

    const wrong = await probe(requiring, { cert: client.cert, key: encrypted, passphrase: 'nope-nope' })
    expect(wrong.result.error).toMatchObject({ code: 'ETLS' })
    expect(wrong.result.error!.message).toMatch(/cannot use the client certificate: the passphrase is wrong/)
    const missing = await probe(requiring, { cert: client.cert, key: encrypted })
    expect(missing.result.error!.message).toMatch(/the key is encrypted and needs a passphrase/)
  })

  it('a PKCS#12 bundle with a passphrase', async () => {
    writeFileSync(join(dir, 'client.pem'), client.cert)
    writeFileSync(join(dir, 'client.key'), client.key)
    const out = join(dir, 'client.p12')
    execFileSync('openssl', ['pkcs12', '-export', '-in', join(dir, 'client.pem'), '-inkey', join(dir, 'client.key'), '-out', out, '-passout', `pass:${PASSPHRASE}`])
    const pfx = readFileSync(out)
    const { result, handshakes, wire } = await probe(requiring, { pfx, passphrase: PASSPHRASE })
    expect(result.error, JSON.stringify(result.error)).toBeUndefined()
    expect(handshakes[0]).toMatchObject({ clientCn: 'client.mailwire.test' })
    expect(wire.dump()).not.toContain(PASSPHRASE)
  })
})
