// The greeting leaves at once: smtp-server's fixed 100 ms early-talker pause is not
// waited for (main/inbox/greet-at-once.ts). With setTimeout frozen, a greeting that
// needed that timer would never come.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useInboxFixture } from './support/inbox-fixture'
import { RawSmtpClient } from './support/raw-smtp-client'

const fixture = useInboxFixture()

afterEach(() => {
  vi.useRealTimers()
})

describe('local inbox greeting', () => {
  it('greets without waiting on a timer, and the session goes on as usual', async () => {
    const inbox = await fixture.start()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const client = await RawSmtpClient.connect(inbox.port)
    expect(await client.reply()).toEqual(['220 localhost ESMTP Mailwire local test inbox'])
    expect((await client.command('EHLO client.test'))?.[0]).toBe('250-localhost Nice to meet you, [127.0.0.1]')
    vi.useRealTimers()
    expect(await client.command('QUIT')).toEqual(['221 2.0.0 Bye'])
  })

  it('still answers a client over maxClients with 421 and no greeting', async () => {
    const inbox = await fixture.start({ limits: { maxClients: 1 } })
    const first = await RawSmtpClient.connect(inbox.port)
    expect(await first.reply()).toEqual(['220 localhost ESMTP Mailwire local test inbox'])
    const second = await RawSmtpClient.connect(inbox.port)
    expect((await second.reply())?.[0]).toMatch(/^421 .*Too many connected clients/)
    expect(await second.reply()).toBeNull()
    await first.command('QUIT')
  })
})
