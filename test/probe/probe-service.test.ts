// The probe view's service through the real IPC handlers: a probe with the profile's CA
// (the diff and days left computed as the CLI computes them), the port matrix, and MX
// lookups in the probe's log, answered by a DNS responder of our own.
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MxLookup, PortMatrixReport, ProbeReport, ProfileInput, WireBatch } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { diffCapabilities } from '../../main/smtp/index'
import { appUnderTest } from '../services/support/app-under-test'
import { useTempDirs } from '../services/support/temp-dir'
import { startSmtpServer, type TestServer } from '../smtp/support/smtp-server'
import { testPki, type TestPki } from '../support/test-ca'
import { startDnsResponder, type DnsResponder } from './support/dns-responder'

const tempDir = useTempDirs()
let pki: TestPki
let server: TestServer
let dns: DnsResponder

beforeAll(async () => {
  pki = await testPki()
  server = await startSmtpServer({ users: { frank: 'irrelevant' } })
  dns = await startDnsResponder({ 'mailwire.test': [{ priority: 10, exchange: 'mx.mailwire.test' }] })
})
afterAll(async () => {
  await Promise.all([server.close(), dns.close()])
})

const profile = (overrides: Partial<ProfileInput> = {}): ProfileInput => ({
  name: 'Probe CA',
  host: '127.0.0.1',
  port: server.port,
  security: 'auto',
  username: '',
  clientName: 'probe.mailwire.test',
  allowInvalidCertificate: false,
  allowPlaintextAuth: false,
  caPem: pki.ca.cert,
  ...overrides,
})

async function closedPort(): Promise<number> {
  const probe = net.createServer().listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

describe('probe:run', () => {
  it('probes with the profile CA and returns the same diff and days left as the CLI', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    const saved = await app.saveProfile(profile())
    const report = await app.call<ProbeReport>(CHANNELS.probeRun, { profileId: saved.id, host: '127.0.0.1', port: server.port, security: 'auto' })
    if (!report.ok) throw new Error(report.error.message)
    const { result, capabilityChanges, certificateDaysLeft, probeId } = report.value
    expect(result.error).toBeUndefined()
    expect(result.clientName).toBe('probe.mailwire.test')
    expect(result.tls).toMatchObject({ authorized: true, mode: 'starttls' })
    expect(capabilityChanges).toEqual(diffCapabilities(result.capabilitiesBeforeTls!, result.capabilities!))
    expect(capabilityChanges).toContainEqual({ keyword: 'STARTTLS', before: 'STARTTLS', change: 'disappeared' })
    // The test PKI's leaf is valid for 30 days from its creation (today or yesterday).
    expect(certificateDaysLeft).toHaveLength(result.tls!.certificates.length)
    expect(certificateDaysLeft[0]).toBeGreaterThanOrEqual(28)
    expect(certificateDaysLeft[0]).toBeLessThanOrEqual(30)
    const events = app.sink.of<WireBatch>(CHANNELS.probeWire).flatMap((batch) => batch.events)
    expect(app.sink.of<WireBatch>(CHANNELS.probeWire).every((batch) => batch.sessionId === probeId)).toBe(true)
    expect(events.filter((event) => event.kind === 'client').map((event) => event.text.split(' ')[0])).toEqual(['EHLO', 'STARTTLS', 'EHLO', 'QUIT'])
  })

  it('without a profile trusts only the system CAs: the certificate fails, and the probe goes on past it', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    const report = await app.call<ProbeReport>(CHANNELS.probeRun, { host: '127.0.0.1', port: server.port, security: 'starttls' })
    if (!report.ok) throw new Error(report.error.message)
    // Nothing secret follows STARTTLS in a probe: it reports the verdict and shows what TLS offers.
    expect(report.value.result.error).toBeUndefined()
    expect(report.value.result.tls).toMatchObject({ authorized: false, verificationSkipped: false })
    expect(report.value.result.tls!.certificates[0]!.subject).toBe('CN=localhost')
    expect(report.value.capabilityChanges).toContainEqual(expect.objectContaining({ keyword: 'STARTTLS', change: 'disappeared' }))
  })

  it('refuses bad input before anything connects', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    for (const payload of [
      { host: '127.0.0.1\r\nRCPT', port: 25, security: 'auto' },
      { host: '127.0.0.1', port: 0, security: 'auto' },
      { host: '127.0.0.1', port: 25, security: 'ssl' },
    ]) {
      expect(await app.call(CHANNELS.probeRun, payload)).toMatchObject({ ok: false, error: { code: 'EINVALID' } })
    }
    expect(app.sink.events).toEqual([])
  })
})

describe('probe:matrix', () => {
  it('answers every port and mode, a closed port refused', async () => {
    const app = await appUnderTest({ dataDir: await tempDir(), matrixTimeoutMs: 3_000 })
    const saved = await app.saveProfile(profile())
    const closed = await closedPort()
    const report = await app.call<PortMatrixReport>(CHANNELS.probeMatrix, { profileId: saved.id, host: '127.0.0.1', ports: [server.port, closed] })
    if (!report.ok) throw new Error(report.error.message)
    expect(report.value.cells.map((cell) => [cell.port === closed ? 'closed' : 'smtp', cell.security, cell.outcome])).toEqual([
      ['smtp', 'none', 'ok'],
      ['smtp', 'starttls', 'ok'],
      ['smtp', 'implicit', 'failed'],
      ['closed', 'none', 'refused'],
      ['closed', 'starttls', 'refused'],
      ['closed', 'implicit', 'refused'],
    ])
    // The matrix keeps out of the probe's log.
    expect(app.sink.of(CHANNELS.probeWire)).toEqual([])
  })
})

describe('probe:mx', () => {
  it('looks up the MX records at the configured DNS server and shows them in the probe log', async () => {
    const app = await appUnderTest({ dataDir: await tempDir(), dnsServers: [dns.server] })
    const found = await app.call<MxLookup>(CHANNELS.probeMx, 'mailwire.test')
    expect(found).toEqual({ ok: true, value: { domain: 'mailwire.test', asciiDomain: 'mailwire.test', records: [{ priority: 10, exchange: 'mx.mailwire.test' }] } })
    const texts = app.sink.of<WireBatch>(CHANNELS.probeWire).flatMap((batch) => batch.events.map((event) => `${event.kind}: ${event.text}`))
    expect(texts).toContain('info: MX 10 mx.mailwire.test')
    expect(dns.queries).toContain('mailwire.test MX')
  })

  it('runs one logged operation at a time', async () => {
    const app = await appUnderTest({ dataDir: await tempDir(), dnsServers: [dns.server] })
    const first = app.call<MxLookup>(CHANNELS.probeMx, 'mailwire.test')
    const second = await app.call<ProbeReport>(CHANNELS.probeRun, { host: '127.0.0.1', port: server.port, security: 'none' })
    expect(second).toMatchObject({ ok: false, error: { code: 'EBUSY' } })
    expect((await first).ok).toBe(true)
  })
})
