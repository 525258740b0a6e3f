// `mailwire inbox`'s authentication checks (main/cli/inbox-auth.ts) against a real inbox and
// a real DNS server: one at a time, after the messages being received, and arrivals faster
// than the checks do not pile up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authChecker } from '../../main/cli/inbox-auth'
import type { AuthenticationReport, LocalInbox } from '../../main/inbox'
import { sendMail } from '../../main/smtp'
import { startDnsServer, type DnsServer } from '../support/dns-server'
import { useInboxFixture } from '../inbox/support/inbox-fixture'
import { fixedMessage, plainMessage } from '../inbox/support/messages'
import { RawSmtpClient } from '../inbox/support/raw-smtp-client'

const fixture = useInboxFixture()
let dns: DnsServer

beforeAll(async () => {
  dns = await startDnsServer({})
})
afterAll(() => dns.close())

async function deliver(inbox: LocalInbox, subject: string): Promise<string> {
  const arrived = new Promise<string>((resolve) => {
    const stop = inbox.onMessage((message) => {
      stop()
      resolve(message.id)
    })
  })
  const result = await sendMail({ host: inbox.host, port: inbox.port, security: 'none' }, { from: 'ann@example.test', to: ['inbox@mailwire.test'] }, fixedMessage(plainMessage(subject, 200)))
  expect(result.status).toBe('sent')
  return arrived
}

describe('mailwire inbox: authentication checks under load', () => {
  it('holds at most maxMessages ids waiting, the newest: older ones are evicted before their turn', async () => {
    const inbox = await fixture.start({ limits: { maxMessages: 3 } })
    const ids: string[] = []
    for (let n = 0; n < 8; n++) ids.push(await deliver(inbox, `message ${n}`))
    // The first check holds until all eight are queued, as a slow check does under load.
    let release = (): void => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let firstRead = (): void => {}
    const firstReading = new Promise<void>((resolve) => (firstRead = resolve))
    const reads: string[] = []
    const reports = new Map<string, AuthenticationReport>()
    let reported = (): void => {}
    const allReported = new Promise<void>((resolve) => (reported = resolve))
    const checker = authChecker(
      {
        limits: inbox.limits,
        summary: (id) => inbox.summary(id),
        session: (id) => inbox.session(id),
        quiet: () => inbox.quiet(),
        raw: async (id) => {
          reads.push(id)
          if (reads.length === 1) firstRead()
          if (reads.length === 1) await held
          return inbox.raw(id)
        },
      },
      [dns.address],
      (id, report) => {
        reports.set(id, report)
        if (reports.size === 3) reported()
      },
    )
    checker.check(ids[0]!)
    await firstReading
    for (const id of ids.slice(1)) checker.check(id)
    release()
    await allReported
    await checker.stop()
    // The first (in flight when the rest came) and the newest three, the ones still kept.
    expect(reads).toEqual([ids[0], ...ids.slice(-3)])
    expect([...reports.keys()]).toEqual(ids.slice(-3))
    expect(inbox.messages().map((message) => message.id)).toEqual(ids.slice(-3).reverse())
  })

  it('waits while a message is being received, checks once it is answered, and stops without waiting', async () => {
    const inbox = await fixture.start()
    const id = await deliver(inbox, 'before')
    const client = await RawSmtpClient.connect(inbox.port)
    await client.reply()
    await client.command('EHLO client.test')
    await client.command('MAIL FROM:<ann@example.test>')
    await client.command('RCPT TO:<inbox@mailwire.test>')
    expect((await client.command('DATA'))?.[0]).toMatch(/^354/)
    await client.write('Subject: during\r\n\r\nhalf a message\r\n')

    const reads: string[] = []
    const reading = { limits: inbox.limits, summary: (at: string) => inbox.summary(at), session: (at: string) => inbox.session(at), quiet: () => inbox.quiet() }
    const raw = (at: string) => {
      reads.push(at)
      return inbox.raw(at)
    }
    // Stopped while it waits: stop() does not wait for the message being received.
    const stopped = authChecker({ ...reading, raw }, [dns.address], () => {})
    stopped.check(id)
    await stopped.stop()

    let reported = (_id: string): void => {}
    const report = new Promise<string>((resolve) => (reported = resolve))
    const checker = authChecker({ ...reading, raw }, [dns.address], (at) => reported(at))
    checker.check(id)
    // Without the wait the check would have read the message already: it starts at once.
    expect(reads).toEqual([])
    await client.write('.\r\n')
    expect((await client.reply())?.[0]).toMatch(/^250/)
    expect(await report).toBe(id)
    expect(reads).toEqual([id])
    await client.command('QUIT')
    await checker.stop()
  })
})
