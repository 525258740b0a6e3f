// `mailwire inbox`'s authentication checks (main/cli/inbox-auth.ts) against a real inbox and
// a real DNS server: one at a time, and arrivals faster than the checks do not pile up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authChecker } from '../../main/cli/inbox-auth'
import type { AuthenticationReport, LocalInbox } from '../../main/inbox'
import { sendMail } from '../../main/smtp'
import { startDnsServer, type DnsServer } from '../support/dns-server'
import { useInboxFixture } from '../inbox/support/inbox-fixture'
import { fixedMessage, plainMessage } from '../inbox/support/messages'

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
    const reads: string[] = []
    const reports = new Map<string, AuthenticationReport>()
    let reported = (): void => {}
    const allReported = new Promise<void>((resolve) => (reported = resolve))
    const checker = authChecker(
      {
        limits: inbox.limits,
        summary: (id) => inbox.summary(id),
        session: (id) => inbox.session(id),
        raw: async (id) => {
          reads.push(id)
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
    for (const id of ids) checker.check(id)
    release()
    await allReported
    await checker.stop()
    // The first (in flight when the rest came) and the newest three, the ones still kept.
    expect(reads).toEqual([ids[0], ...ids.slice(-3)])
    expect([...reports.keys()]).toEqual(ids.slice(-3))
    expect(inbox.messages().map((message) => message.id)).toEqual(ids.slice(-3).reverse())
  })
})
