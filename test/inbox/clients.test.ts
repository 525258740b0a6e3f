// How many clients the inbox takes at once, and how it keeps stuck ones from locking the
// others out: a test suite's pool of 100 is greeted, one more is refused (421), and once
// every slot is taken a quiet client is closed after the short idle timeout.
import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../../main/inbox'
import { useInboxFixture } from './support/inbox-fixture'
import { RawSmtpClient } from './support/raw-smtp-client'

const fixture = useInboxFixture()
const GREETING = ['220 localhost ESMTP Mailwire local test inbox']

describe('local inbox clients', () => {
  it('greets a pool of 100 clients at once by default and refuses the 101st with 421', async () => {
    const inbox = await fixture.start()
    expect(DEFAULT_LIMITS.maxClients).toBe(100)
    const pool = await Promise.all(Array.from({ length: 100 }, () => RawSmtpClient.connect(inbox.port)))
    for (const client of pool) expect(await client.reply()).toEqual(GREETING)
    const extra = await RawSmtpClient.connect(inbox.port)
    expect((await extra.reply())?.[0]).toMatch(/^421 .*Too many connected clients/)
    await Promise.all(pool.map((client) => client.command('QUIT')))
  })

  it('closes a quiet client once every slot is taken, so the next one gets in', async () => {
    const inbox = await fixture.start({ limits: { maxClients: 2, fullIdleTimeoutMs: 200 } })
    const stuck = await RawSmtpClient.connect(inbox.port)
    expect(await stuck.reply()).toEqual(GREETING)
    expect((await stuck.command('EHLO stuck.test'))?.[0]).toMatch(/^250-/)
    // The second client takes the last slot: from now on quiet clients get the short timeout.
    const second = await RawSmtpClient.connect(inbox.port)
    expect(await second.reply()).toEqual(GREETING)
    expect(await stuck.reply()).toEqual(['421 4.4.2 Timeout - closing connection'])
    await stuck.closed
    const next = await RawSmtpClient.connect(inbox.port)
    expect(await next.reply()).toEqual(GREETING)
    await next.command('QUIT')
  })

  it('does not count a slow reply (the slow-replies fault) as the client being quiet', async () => {
    const inbox = await fixture.start({ limits: { maxClients: 1, fullIdleTimeoutMs: 500 }, faults: { slowReplies: 700 } })
    const client = await RawSmtpClient.connect(inbox.port)
    expect(await client.reply()).toEqual(GREETING)
    expect((await client.command('EHLO slow.test'))?.[0]).toMatch(/^250-/)
    expect(await client.command('QUIT')).toEqual(['221 2.0.0 Bye'])
  })
})
