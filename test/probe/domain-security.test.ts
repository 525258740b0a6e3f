// The mail security report of a domain against real peers on 127.0.0.1: a DNS server (MX,
// TXT, A, TLSA from a table), an HTTPS server serving MTA-STS policies with a certificate of
// the test CA, and smtp-server as the exchanger with STARTTLS from the test CA. A passing
// domain, a policy whose mx pattern does not match, a TLSA record that does not match, a
// DMARC record with errors; nothing asks a resolver off the machine.
import { createHash, X509Certificate } from 'node:crypto'
import { once } from 'node:events'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { domainSecurityReport, type DomainReportOptions } from '../../main/smtp/security/domain-report'
import { cli } from '../cli/support/capture-io'
import { tempFiles } from '../cli/support/temp-files'
import { startSmtpServer, type TestServer } from '../smtp/support/smtp-server'
import { startDnsServer, type DnsServer, type Zone } from '../support/dns-server'
import { issueServerCertificate, testPki } from '../support/test-ca'

let dns: DnsServer
let https: Server
let smtp: TestServer
let options: DomainReportOptions
const DOMAINS = ['pass.test', 'badmx.test', 'badtlsa.test']

const POLICIES: Record<string, string> = {
  'mta-sts.pass.test': 'version: STSv1\nmode: enforce\nmx: *.pass.test\nmax_age: 86400\n',
  'mta-sts.badmx.test': 'version: STSv1\nmode: enforce\nmx: mail.elsewhere.test\nmax_age: 86400\n',
}

beforeAll(async () => {
  const pki = await testPki()
  const names = DOMAINS.flatMap((domain) => [`mx.${domain}`, `mta-sts.${domain}`])
  const certificate = await issueServerCertificate(pki.ca, names)
  const spki = new X509Certificate(certificate.cert).publicKey.export({ type: 'spki', format: 'der' })
  const tlsa = (hex: string) => ({ usage: 3, selector: 1, matchingType: 1, certificate: Buffer.from(hex, 'hex') })
  const zone: Zone = {}
  for (const domain of DOMAINS) {
    zone[domain] = { MX: [{ priority: 10, exchange: `mx.${domain}` }], TXT: ['v=spf1 mx -all'] }
    zone[`mx.${domain}`] = { A: ['127.0.0.1'] }
    zone[`mta-sts.${domain}`] = { A: ['127.0.0.1'] }
    zone[`_mta-sts.${domain}`] = { TXT: ['v=STSv1; id=20261203'] }
    zone[`_smtp._tls.${domain}`] = { TXT: [`v=TLSRPTv1; rua=mailto:tls-reports@${domain}`] }
    zone[`_dmarc.${domain}`] = { TXT: ['v=DMARC1; p=reject; rua=mailto:d@pass.test'] }
  }
  zone['_25._tcp.mx.pass.test'] = { TLSA: [tlsa(createHash('sha256').update(spki).digest('hex'))] }
  zone['_25._tcp.badtlsa.test'] = { TLSA: [] }
  zone['_25._tcp.mx.badtlsa.test'] = { TLSA: [tlsa('00'.repeat(32))] }
  zone['_dmarc.badmx.test'] = { TXT: ['v=DMARC1; p=maybe; pct=150'] }
  dns = await startDnsServer(zone)

  https = createServer({ key: certificate.key, cert: certificate.cert }, (request, response) => {
    const policy = POLICIES[String(request.headers.host)]
    if (request.url !== '/.well-known/mta-sts.txt' || !policy) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': 'text/plain' }).end(policy)
  })
  https.listen(0, '127.0.0.1')
  await once(https, 'listening')
  smtp = await startSmtpServer({ key: certificate.key, cert: certificate.cert })
  options = {
    dnsServers: [dns.address],
    ca: pki.ca.cert,
    smtpPort: smtp.port,
    httpsPort: (https.address() as AddressInfo).port,
  }
})
afterAll(async () => {
  await dns?.close()
  https?.close()
  await smtp?.close()
})

describe('probe: the mail security report of a domain', () => {
  it('a domain that passes: records parsed, policy fetched, STARTTLS valid, DANE matches', async () => {
    const report = await domainSecurityReport('pass.test', options)
    expect(report.mx.records).toEqual([{ exchange: 'mx.pass.test', priority: 10 }])
    expect(report.spf).toMatchObject({ record: 'v=spf1 mx -all', errors: [] })
    expect(report.dmarc).toMatchObject({ fields: { p: 'reject' }, errors: [] })
    expect(report.mtaSts).toMatchObject({ fields: { id: '20261203' }, errors: [] })
    expect(report.mtaSts.policy).toMatchObject({ mode: 'enforce', mx: ['*.pass.test'], maxAge: 86400, errors: [] })
    expect(report.tlsRpt).toMatchObject({ fields: { rua: 'mailto:tls-reports@pass.test' }, errors: [] })
    const [mx] = report.exchangers
    expect(mx?.starttls).toMatchObject({ offered: true, pkixValid: true })
    expect(mx).toMatchObject({ mtaStsMxMatch: true, daneMatch: true, verdict: { deliver: true } })
    expect(mx?.verdict.reason).toMatch(/^DANE/)
    expect(report.dnssecNote).toMatch(/does not validate DNSSEC/)
    expect(dns.queries).toContain('_25._tcp.mx.pass.test TLSA')
  })

  it('a policy whose mx pattern does not match: an enforcing sender refuses; DMARC errors are named', async () => {
    const report = await domainSecurityReport('badmx.test', options)
    const [mx] = report.exchangers
    expect(mx?.mtaStsMxMatch).toBe(false)
    expect(mx?.verdict).toEqual({ deliver: false, reason: expect.stringMatching(/MTA-STS enforce: mx\.badmx\.test matches none of the policy's mx patterns \(mail\.elsewhere\.test\)/) })
    expect(report.dmarc.errors).toEqual(['p=maybe is not none, quarantine or reject', 'pct=150 is not 0 to 100'])
  })

  it('a TLSA record that does not match: a DANE sender refuses, even with a valid certificate', async () => {
    const report = await domainSecurityReport('badtlsa.test', options)
    const [mx] = report.exchangers
    expect(mx?.starttls?.pkixValid).toBe(true)
    expect(mx?.daneMatch).toBe(false)
    expect(mx?.verdict).toEqual({ deliver: false, reason: expect.stringMatching(/no TLSA record matches/) })
    // No policy at mta-sts.badtlsa.test: the fetch says why.
    expect(report.mtaSts.policy?.errors).toEqual(['HTTP 404'])
  })

  it('a certificate from a CA the sender does not trust fails the policy fetch', async () => {
    const report = await domainSecurityReport('pass.test', { ...options, ca: undefined })
    expect(report.mtaSts.policy?.errors[0]).toMatch(/^HTTPS fetch failed: (UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/)
    expect(report.exchangers[0]?.starttls?.pkixValid).toBe(false)
  })
})

describe('mailwire probe --domain', () => {
  it('prints the report with each verdict, and exits 1 when a conforming sender would refuse', async () => {
    const files = tempFiles()
    try {
      const caPath = files.write('ca.pem', (await testPki()).ca.cert)
      const flags = ['--dns-server', dns.address, '--ca', caPath, '--port', String(smtp.port), '--https-port', String(options.httpsPort)]
      const pass = await cli(['probe', '--domain', 'pass.test', ...flags])
      expect(pass.stderr).toBe('')
      expect(pass.code).toBe(0)
      expect(pass.stdout).toContain('Mail security of pass.test (DNS 127.0.0.1:')
      expect(pass.stdout).toContain('  SPF: v=spf1 mx -all  (pass.test)')
      expect(pass.stdout).toMatch(/policy https:\/\/mta-sts\.pass\.test\/\.well-known\/mta-sts\.txt: mode enforce, mx \*\.pass\.test, max_age 86400/)
      expect(pass.stdout).toMatch(/TLSA _25\._tcp\.mx\.pass\.test: 3 1 1 [0-9a-f]{16}… -> matches/)
      expect(pass.stdout).toContain('A conforming sender would deliver: DANE')
      expect(pass.stdout).toMatch(/does not validate DNSSEC/)

      const refused = await cli(['probe', '--domain', 'badmx.test', ...flags, '--json'])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain('mailwire: a conforming sender would refuse mx.badmx.test')
      const json = JSON.parse(refused.stdout) as { security: { exchangers: Array<{ verdict: { deliver: boolean } }>; dmarc: { errors: string[] } } }
      expect(json.security.exchangers[0]?.verdict.deliver).toBe(false)
      expect(json.security.dmarc.errors).toContain('p=maybe is not none, quarantine or reject')
    } finally {
      files.remove()
    }
  })
})
