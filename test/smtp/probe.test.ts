import { describe, expect, it } from 'vitest'
import { probeServer } from '../../main/smtp/index'
import { testPki } from '../support/test-ca'
import { smtpServerForTest } from './support/smtp-server'
import { recordWire } from './support/wire'

const pki = await testPki()

describe('probeServer', () => {
  it('reports capabilities before and after STARTTLS and the certificate', async () => {
    const server = await smtpServerForTest({ size: 5_000_000, authMethods: ['PLAIN', 'LOGIN', 'CRAM-MD5'] })
    const wire = recordWire()
    const probe = await probeServer({ host: server.host, port: server.port, security: 'auto', ca: pki.ca.cert, onWire: wire.onWire })
    expect(probe.error).toBeUndefined()
    expect(probe.greeting!.code).toBe(220)
    expect(probe.capabilitiesBeforeTls).toMatchObject({ startTls: true, size: 5_000_000, pipelining: true })
    expect(probe.capabilities).toMatchObject({ startTls: false, auth: ['PLAIN', 'LOGIN', 'CRAM-MD5'] })
    expect(probe.tls).toMatchObject({ mode: 'starttls', authorized: true })
    expect(probe.tls!.certificates[0]!.subject).toBe('CN=localhost')
    expect(probe.clientName).toMatch(/^\[127\.0\.0\.1\]$|\./)
    expect(wire.lines().filter((line) => line.startsWith('C: ')).map((line) => line.split(' ')[1])).toEqual(['EHLO', 'STARTTLS', 'EHLO', 'QUIT'])
  })

  it('goes on past a certificate that does not verify: both capability sets, the verdict kept', async () => {
    const server = await smtpServerForTest({ key: pki.expired.key, cert: pki.expired.cert })
    const wire = recordWire()
    const probe = await probeServer({ host: server.host, port: server.port, security: 'auto', ca: pki.ca.cert, onWire: wire.onWire })
    expect(probe.greeting!.code).toBe(220)
    expect(probe.error).toBeUndefined()
    expect(probe.tls).toMatchObject({ authorized: false, authorizationError: 'CERT_HAS_EXPIRED', verificationSkipped: false })
    expect(probe.capabilitiesBeforeTls!.startTls).toBe(true)
    expect(probe.capabilities!.startTls).toBe(false)
    expect(wire.lines().filter((line) => line.startsWith('C: ')).map((line) => line.split(' ')[1])).toEqual(['EHLO', 'STARTTLS', 'EHLO', 'QUIT'])
    expect(wire.lines()).toContainEqual(expect.stringMatching(/^E: .*expired.*; the probe goes on, as it sends nothing secret, but a send would stop here$/))
  })

  it('probes without TLS when asked', async () => {
    const server = await smtpServerForTest({})
    const probe = await probeServer({ host: server.host, port: server.port, security: 'none' })
    expect(probe.tls).toBeUndefined()
    expect(probe.capabilities!.startTls).toBe(true)
    expect(probe.timings.map((timing) => timing.phase)).toEqual(['connect', 'greeting', 'ehlo', 'quit'])
  })

  it('reports a refused connection', async () => {
    const server = await smtpServerForTest({})
    const port = server.port
    await server.close()
    const probe = await probeServer({ host: '127.0.0.1', port, security: 'auto' })
    expect(probe.error).toMatchObject({ code: 'ECONNECT' })
    expect(probe.greeting).toBeUndefined()
  })
})
