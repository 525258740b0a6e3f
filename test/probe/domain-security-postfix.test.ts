// The security report with Postfix as the exchanger: STARTTLS with the test CA's certificate
// for localhost, and a TLSA record (3 1 1) published for the key Postfix presents.
import { createHash, X509Certificate } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { domainSecurityReport } from '../../main/smtp/security/domain-report'
import { checkStarttls } from '../../main/smtp/security/starttls-check'
import { startDnsServer, type DnsServer } from '../support/dns-server'
import { describeWithPostfix } from '../support/postfix-suite'

describeWithPostfix('probe: the mail security report with Postfix as the MX', (postfix) => {
  let dns: DnsServer
  beforeAll(async () => {
    dns = await startDnsServer({
      'postfix.test': { MX: [{ priority: 10, exchange: 'localhost' }], TXT: ['v=spf1 a:localhost -all'] },
      localhost: { A: ['127.0.0.1'] },
    })
  })
  afterAll(() => dns.close())

  it('finds STARTTLS, a certificate valid for the MX name, and the TLSA record matching it', async () => {
    const seen = await checkStarttls({ address: '127.0.0.1', port: postfix.port, exchange: 'localhost', ca: postfix.caPem })
    expect(seen).toMatchObject({ offered: true, pkixValid: true })
    const spki = new X509Certificate(seen.chain[0]!).publicKey.export({ type: 'spki', format: 'der' })
    dns.zone['_25._tcp.localhost'] = { TLSA: [{ usage: 3, selector: 1, matchingType: 1, certificate: createHash('sha256').update(spki).digest() }] }

    const report = await domainSecurityReport('postfix.test', { dnsServers: [dns.address], ca: postfix.caPem, smtpPort: postfix.port })
    expect(report.spf.errors).toEqual([])
    expect(report.exchangers[0]).toMatchObject({ exchange: 'localhost', daneMatch: true, starttls: { offered: true, pkixValid: true }, verdict: { deliver: true } })

    dns.zone['_25._tcp.localhost'] = { TLSA: [{ usage: 3, selector: 1, matchingType: 1, certificate: Buffer.alloc(32) }] }
    const mismatch = await domainSecurityReport('postfix.test', { dnsServers: [dns.address], ca: postfix.caPem, smtpPort: postfix.port })
    expect(mismatch.exchangers[0]?.verdict).toEqual({ deliver: false, reason: expect.stringMatching(/no TLSA record matches/) })
  })
})
