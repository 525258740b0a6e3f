// probe:domain through the real IPC handlers and the probe service: the report of a domain
// looked up through the DNS server the probe service is given (a real one on 127.0.0.1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DomainSecurityReport } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { startDnsServer, type DnsServer } from '../support/dns-server'
import { appUnderTest } from './support/app-under-test'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()
let dns: DnsServer
beforeAll(async () => {
  dns = await startDnsServer({
    // The exchanger has no address: the report says so without connecting anywhere.
    'ipc.test': { MX: [{ priority: 5, exchange: 'mx.ipc.test' }], TXT: ['v=spf1 -all', 'v=spf1 +all'] },
    'mx.ipc.test': {},
    '_dmarc.ipc.test': { TXT: ['v=DMARC1; p=none'] },
  })
})
afterAll(() => dns.close())

describe('probe: the mail security report through IPC', () => {
  it('answers with the report: records, their errors, and each exchanger', async () => {
    const app = await appUnderTest({ dataDir: await tempDir(), dnsServers: [dns.address] })
    const answer = await app.call<DomainSecurityReport>(CHANNELS.probeDomain, 'ipc.test')
    if (!answer.ok) throw new Error(answer.error.message)
    const report = answer.value
    expect(report.spf.errors[0]).toMatch(/^2 SPF \(v=spf1\) records/)
    expect(report.dmarc.fields).toMatchObject({ p: 'none' })
    expect(report.exchangers).toEqual([expect.objectContaining({ exchange: 'mx.ipc.test', addresses: [], verdict: { deliver: false, reason: 'mx.ipc.test has no address' } })])
    const refused = await app.call(CHANNELS.probeDomain, 'two\nlines')
    expect(refused.ok).toBe(false)
  })
})
