// The app's inbox authentication check through the real IPC handlers and services: a
// message sent through the local inbox profile is checked against a real DNS server on
// 127.0.0.1 that the user set in the inbox settings; a server that is not IP[:PORT] is refused.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { settleWrites } from '../../main/storage/atomic-file'
import type { AuthenticationReport, AuthenticationSettings, ComposeModel } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { LOCAL_INBOX_PROFILE_ID } from '../../main/services/local-inbox/local-inbox-profile'
import { startDnsServer, type DnsServer } from '../support/dns-server'
import { appUnderTest, type AppUnderTest } from './support/app-under-test'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()
const running: AppUnderTest[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.services.inbox.stop()))
})
let dns: DnsServer
beforeAll(async () => {
  dns = await startDnsServer({ 'spf.test': { TXT: ['v=spf1 ip4:127.0.0.1 ~all'] }, '_dmarc.spf.test': { TXT: ['v=DMARC1; p=none'] } })
})
afterAll(() => dns.close())

const compose: ComposeModel = { from: 'ann@spf.test', to: ['inbox@mailwire.test'], cc: [], bcc: [], subject: 'Check me', text: 'hi\n', attachments: [], headers: [] }

describe('local inbox: authentication through IPC', () => {
  it('checks a received message through the DNS server set in the inbox settings', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    running.push(app)
    const refused = await app.call(CHANNELS.inboxSetAuthSettings, { dnsServers: ['dns.example'] })
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error.field).toBe('dnsServers[0]')
    const set = await app.call<AuthenticationSettings>(CHANNELS.inboxSetAuthSettings, { dnsServers: [dns.address] })
    expect(set).toEqual({ ok: true, value: { dnsServers: [dns.address] } })

    const { result } = await app.runSession({ profileId: LOCAL_INBOX_PROFILE_ID, compose })
    expect(result.status).toBe('sent')
    const checked = await app.call<AuthenticationReport>(CHANNELS.inboxAuthenticate, result.queueId)
    if (!checked.ok) throw new Error(checked.error.message)
    const verdicts = Object.fromEntries(checked.value.verdicts.map((verdict) => [verdict.method, verdict.result]))
    expect(verdicts).toEqual({ dkim: 'none', spf: 'pass', dmarc: 'pass', arc: 'none' })
    expect(checked.value.dnsServers).toEqual([dns.address])
    expect(dns.queries).toContain('spf.test TXT')
  })

  it('keeps the DNS servers across a restart, and ignores a settings file broken by hand', async () => {
    const dataDir = await tempDir()
    const first = await appUnderTest({ dataDir })
    running.push(first)
    await first.call(CHANNELS.inboxSetAuthSettings, { dnsServers: [dns.address] })
    await settleWrites()
    const restarted = await appUnderTest({ dataDir })
    running.push(restarted)
    expect(await restarted.call(CHANNELS.inboxAuthSettings)).toEqual({ ok: true, value: { dnsServers: [dns.address] } })

    await writeFile(join(dataDir, 'inbox-settings.json'), '{"dnsServers": "not a list"')
    const broken = await appUnderTest({ dataDir })
    running.push(broken)
    expect(await broken.call(CHANNELS.inboxAuthSettings)).toEqual({ ok: true, value: { dnsServers: [] } })
  })
})
