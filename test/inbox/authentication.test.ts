// The inbox's authentication check: a message signed by Mailwire, delivered to the inbox,
// checked with mailauth (DKIM, SPF for the client address and MAIL FROM, DMARC, ARC) through
// a real DNS server on 127.0.0.1 that serves the records from a table.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authenticateStored, type AuthenticationReport, type LocalInbox } from '../../main/inbox'
import { dkimSignedFactory, messageFactory } from '../../main/message'
import { sendMail, type MessageFactory } from '../../main/smtp'
import { rsaKeyPair, type DkimKeyPair } from '../support/dkim-keys'
import { startDnsServer, type DnsServer } from '../support/dns-server'
import { useInboxFixture } from './support/inbox-fixture'

const fixture = useInboxFixture()
let dns: DnsServer
let key: DkimKeyPair

beforeAll(async () => {
  key = rsaKeyPair()
  dns = await startDnsServer({
    'pass.test': { TXT: ['v=spf1 ip4:127.0.0.1 -all'] },
    'mw._domainkey.pass.test': { TXT: [key.record] },
    '_dmarc.pass.test': { TXT: ['v=DMARC1; p=reject'] },
    // SPF names another address: SPF fails, and with no DKIM DMARC fails too.
    'elsewhere.test': { TXT: ['v=spf1 ip4:192.0.2.1 -all'] },
    '_dmarc.elsewhere.test': { TXT: ['v=DMARC1; p=quarantine'] },
    // This server cannot answer for broken.test at all.
    'broken.test': 'servfail',
    '_dmarc.broken.test': 'servfail',
  })
})
afterAll(() => dns.close())

const compose = (from: string, subject: string) => ({ from, to: ['inbox@mailwire.test'], cc: [], bcc: [], subject, text: 'Hello\n', attachments: [], headers: [] })

async function deliver(inbox: LocalInbox, from: string, factory: MessageFactory): Promise<string> {
  const arrived = new Promise<string>((resolve) => {
    const stop = inbox.onMessage((message) => {
      stop()
      resolve(message.id)
    })
  })
  const result = await sendMail({ host: inbox.host, port: inbox.port, security: 'starttls', ca: inbox.caPem, clientName: 'client.pass.test' }, { from, to: ['inbox@mailwire.test'] }, factory)
  expect(result.status).toBe('sent')
  return arrived
}

const byMethod = (report: AuthenticationReport) =>
  Object.fromEntries(report.verdicts.map((verdict) => [verdict.method, verdict]))

describe('local inbox: authentication results', () => {
  it('a message signed by Mailwire from an SPF-listed address passes DKIM, SPF and DMARC', async () => {
    const inbox = await fixture.start()
    const signing = { domain: 'pass.test', selector: 'mw', privateKey: key.privateKey }
    const id = await deliver(inbox, 'ann@pass.test', dkimSignedFactory(messageFactory(compose('ann@pass.test', 'Signed')), signing))
    const report = (await authenticateStored(inbox, id, [dns.address]))!
    const verdicts = byMethod(report)
    expect(verdicts.dkim).toMatchObject({ result: 'pass' })
    expect(verdicts.dkim?.properties).toContain('header.i=@pass.test header.s=mw')
    expect(verdicts.spf).toMatchObject({ result: 'pass' })
    expect(verdicts.spf?.properties).toContain('smtp.mailfrom=ann@pass.test')
    expect(verdicts.dmarc).toMatchObject({ result: 'pass' })
    expect(verdicts.arc).toMatchObject({ result: 'none' })
    expect(report.lookupFailures).toEqual([])
    expect(report.clientAddress).toBe('127.0.0.1')
    expect(report.header).toMatch(/^Authentication-Results: mailwire\.inbox;/)
    expect(dns.queries).toContain('mw._domainkey.pass.test TXT')
  })

  it('checks a message without parsing its body: that waits until someone opens it', async () => {
    const inbox = await fixture.start()
    const id = await deliver(inbox, 'ann@elsewhere.test', messageFactory(compose('ann@elsewhere.test', 'Unopened')))
    expect(await authenticateStored(inbox, id, [dns.address])).toBeDefined()
    await inbox.stop()
    // `mailwire inbox` checks every arrival: a parse each time cost it CPU and memory under load.
    expect((await readdir(join(inbox.dataDir, 'messages'))).filter((name) => name.endsWith('.parsed.json'))).toEqual([])
  })

  it('a header changed after signing fails DKIM, with the reason', async () => {
    const inbox = await fixture.start()
    const signing = { domain: 'pass.test', selector: 'mw', privateKey: key.privateKey }
    const signed = dkimSignedFactory(messageFactory(compose('ann@pass.test', 'Before')), signing)
    // A relay that rewrites the subject after signing.
    const tampered: MessageFactory = async (caps) => {
      const source = await signed(caps)
      const chunks: Buffer[] = []
      for await (const chunk of source.open()) chunks.push(Buffer.from(chunk))
      const bytes = Buffer.from(Buffer.concat(chunks).toString('latin1').replace('Subject: Before', 'Subject: After!'), 'latin1')
      return { ...source, bytes, size: bytes.length, open: async function* () { yield bytes } }
    }
    const id = await deliver(inbox, 'ann@pass.test', tampered)
    const verdicts = byMethod((await authenticateStored(inbox, id, [dns.address]))!)
    expect(verdicts.dkim?.result).toBe('fail')
    expect(verdicts.dkim?.reason).toMatch(/signature/)
  })

  it('SPF fails for an address the record does not list, and DMARC fails with it', async () => {
    const inbox = await fixture.start()
    const id = await deliver(inbox, 'ann@elsewhere.test', messageFactory(compose('ann@elsewhere.test', 'Unsigned')))
    const verdicts = byMethod((await authenticateStored(inbox, id, [dns.address]))!)
    expect(verdicts.dkim).toMatchObject({ result: 'none' })
    expect(verdicts.spf?.result).toBe('fail')
    expect(verdicts.dmarc?.result).toBe('fail')
    expect(verdicts.dmarc?.reason).toContain('p=QUARANTINE')
  })

  it('a lookup that fails says so, and the verdict is temperror, not a guess', async () => {
    const inbox = await fixture.start()
    const id = await deliver(inbox, 'ann@broken.test', messageFactory(compose('ann@broken.test', 'Broken DNS')))
    const report = (await authenticateStored(inbox, id, [dns.address]))!
    expect(byMethod(report).spf?.result).toBe('temperror')
    expect(report.lookupFailures.some((failure) => /^TXT broken\.test: ESERVFAIL \(asked 127\.0\.0\.1:\d+\)$/.test(failure))).toBe(true)
  })
})
