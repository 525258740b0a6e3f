// `mailwire inbox --dns-server`: each arriving message's DKIM, SPF, DMARC and ARC verdicts,
// printed after its arrival line (and as an "authentication" event with --json), looked up
// through a real DNS server on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { dkimSignedFactory, messageFactory } from '../../main/message'
import { sendMail } from '../../main/smtp'
import type { AuthenticationReport } from '../../main/inbox'
import { rsaKeyPair, type DkimKeyPair } from '../support/dkim-keys'
import { startDnsServer, type DnsServer } from '../support/dns-server'
import { startCli, type RunningCli } from './support/capture-io'

const folders: string[] = []
const controllers: AbortController[] = []
let dns: DnsServer
let key: DkimKeyPair

beforeAll(async () => {
  key = rsaKeyPair()
  dns = await startDnsServer({
    'signed.test': { TXT: ['v=spf1 ip4:127.0.0.1 -all'] },
    'k1._domainkey.signed.test': { TXT: [key.record] },
    '_dmarc.signed.test': { TXT: ['v=DMARC1; p=reject'] },
    'broken.test': 'servfail',
  })
})
afterAll(() => dns.close())
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort()
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** Waits for what the running command prints (a condition, not a fixed sleep). */
async function printed(run: RunningCli, pattern: RegExp): Promise<RegExpExecArray> {
  const deadline = Date.now() + 15_000
  for (;;) {
    const match = pattern.exec(run.stdout())
    if (match) return match
    if (Date.now() > deadline) throw new Error(`never printed ${pattern}; got:\n${run.stdout()}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function startInbox(json: boolean) {
  const folder = mkdtempSync(join(tmpdir(), 'mailwire-inbox-auth-'))
  folders.push(folder)
  const controller = new AbortController()
  controllers.push(controller)
  const run = startCli(['inbox', '--data-dir', join(folder, 'inbox'), '--dns-server', dns.address, ...(json ? ['--json'] : [])], { signal: controller.signal })
  const [, port = ''] = await printed(run, json ? /"port":(\d+)/ : /listening on 127\.0\.0\.1:(\d+)/)
  return { run, port: Number(port), stop: () => controller.abort() }
}

function message(from: string, subject: string) {
  return messageFactory({ from, to: ['inbox@mailwire.test'], cc: [], bcc: [], subject, text: 'Hello', attachments: [], headers: [] })
}

async function send(port: number, from: string, factory: ReturnType<typeof messageFactory>) {
  const result = await sendMail({ host: '127.0.0.1', port, security: 'none' }, { from, to: ['inbox@mailwire.test'] }, factory)
  expect(result.status).toBe('sent')
  return result.queueId!
}

describe('mailwire inbox: authentication results', () => {
  it('prints each verdict with its reason after the arrival line', async () => {
    const inbox = await startInbox(false)
    const signed = dkimSignedFactory(message('ann@signed.test', 'Signed'), { domain: 'signed.test', selector: 'k1', privateKey: key.privateKey })
    const id = await send(inbox.port, 'ann@signed.test', signed)
    const [block = ''] = await printed(inbox.run, new RegExp(`${id} authentication \\(client 127\\.0\\.0\\.1, DNS 127\\.0\\.0\\.1:\\d+\\):\\n(?: {4}.*\\n)+`))
    expect(block).toMatch(/^ {4}dkim=pass header\.i=@signed\.test header\.s=k1/m)
    expect(block).toMatch(/^ {4}spf=pass \(.*\) smtp\.mailfrom=ann@signed\.test/m)
    expect(block).toMatch(/^ {4}dmarc=pass \(p=REJECT.*\) header\.from=signed\.test/m)
    expect(block).toMatch(/^ {4}arc=none/m)

    const brokenId = await send(inbox.port, 'ann@broken.test', message('ann@broken.test', 'Broken'))
    const [broken = ''] = await printed(inbox.run, new RegExp(`${brokenId} authentication .*\\n(?: {4}.*\\n)+`))
    expect(broken).toMatch(/^ {4}spf=temperror/m)
    expect(broken).toMatch(/^ {4}DNS lookup failed: TXT broken\.test: ESERVFAIL/m)
    inbox.stop()
    expect((await inbox.run.done).code).toBe(0)
  })

  it('--json: an "authentication" event with the report', async () => {
    const inbox = await startInbox(true)
    const id = await send(inbox.port, 'ann@signed.test', message('ann@signed.test', 'Unsigned'))
    const [line = ''] = await printed(inbox.run, /^\{"event":"authentication".*$/m)
    const event = JSON.parse(line) as { id: string; report: AuthenticationReport }
    expect(event.id).toBe(id)
    expect(event.report.verdicts.map((verdict) => `${verdict.method}=${verdict.result}`)).toEqual(['dkim=none', 'spf=pass', 'dmarc=pass', 'arc=none'])
    expect(event.report.dnsServers).toEqual([dns.address])
    inbox.stop()
    expect((await inbox.run.done).code).toBe(0)
  })
})
