// Starting on a given port or a free one, listeners, stopping.
import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { sendMail } from '../../main/smtp'
import type { MessageSummary } from '../../main/inbox'
import { useInboxFixture } from './support/inbox-fixture'
import { fixedMessage, plainMessage } from './support/messages'
import { RawSmtpClient } from './support/raw-smtp-client'
import { recordedSessions } from './support/session-records'

const fixture = useInboxFixture()

/** A port that was free a moment ago (bound on port 0, then released). */
async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('local inbox lifecycle', () => {
  it('listens on 127.0.0.1 on a free port by default, or on the port it is given', async () => {
    const free = await fixture.start()
    expect(free.host).toBe('127.0.0.1')
    expect(free.port).toBeGreaterThan(0)

    const port = await freePort()
    const given = await fixture.start({ port })
    expect(given.port).toBe(port)
    const client = await RawSmtpClient.connect(port)
    expect(await client.reply()).toEqual(['220 localhost ESMTP Mailwire local test inbox'])
    await client.command('QUIT')
  })

  it('answers a client over maxClients with 421 and closes it, so a flood of connections holds no disk or memory', async () => {
    const inbox = await fixture.start({ limits: { maxClients: 2 } })
    const first = await RawSmtpClient.connect(inbox.port)
    const second = await RawSmtpClient.connect(inbox.port)
    expect(await first.reply()).toEqual(['220 localhost ESMTP Mailwire local test inbox'])
    expect(await second.reply()).toEqual(['220 localhost ESMTP Mailwire local test inbox'])
    const liveIds = inbox.sessions().map((session) => session.id)
    const flood = await Promise.all(Array.from({ length: 20 }, () => RawSmtpClient.connect(inbox.port)))
    for (const client of flood) {
      expect((await client.reply())?.[0]).toMatch(/^421 .*Too many connected clients/)
      await client.closed
    }
    // Memory: the refused connections are no live session; only the two admitted ones are.
    expect(inbox.sessions().map((session) => session.id)).toEqual(liveIds)
    const bothEnded = new Promise<void>((resolve) => {
      let count = 0
      const stop = inbox.onSession(() => {
        if (++count < 2) return
        stop()
        resolve()
      })
    })
    await first.command('QUIT')
    await second.command('QUIT')
    await bothEnded
    expect(inbox.sessions().map((session) => session.id).sort()).toEqual([...liveIds].sort())
    // Disk: once stopped (all writing done), the only session records are those two.
    await inbox.stop()
    expect((await recordedSessions(inbox.dataDir)).ids.sort()).toEqual([...liveIds].sort())
  })

  it('fails to start on a port that is taken', async () => {
    const inbox = await fixture.start()
    await expect(fixture.start({ port: inbox.port })).rejects.toMatchObject({ code: 'EADDRINUSE' })
  })

  it('tells listeners about each stored message; a listener that throws changes nothing', async () => {
    const inbox = await fixture.start()
    const seen: MessageSummary[] = []
    inbox.onMessage(() => {
      throw new Error('a broken listener')
    })
    const unsubscribe = inbox.onMessage((message) => seen.push(message))
    const send = (subject: string) =>
      sendMail(
        { host: inbox.host, port: inbox.port, security: 'none' },
        { from: 'a@example.test', to: ['b@example.test'] },
        fixedMessage(plainMessage(subject)),
      )

    expect((await send('one')).status).toBe('sent')
    expect(seen).toEqual(inbox.messages())
    unsubscribe()
    expect((await send('two')).status).toBe('sent')
    expect(seen.map((message) => message.subject)).toEqual(['one'])
    expect(inbox.messages()).toHaveLength(2)
  })

  it('stops listening on stop(), and stop() can be called twice', async () => {
    const inbox = await fixture.start()
    const client = await RawSmtpClient.connect(inbox.port)
    await client.reply()
    await client.command('QUIT')
    await Promise.all([inbox.stop(), inbox.stop()])
    await expect(RawSmtpClient.connect(inbox.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    expect(inbox.sessions()).toHaveLength(1)
    expect(inbox.sessions()[0]?.endedAt).toEqual(expect.any(String))
  })

  it('ends a session that is still open when it stops, and keeps its record', async () => {
    const inbox = await fixture.start()
    const client = await RawSmtpClient.connect(inbox.port)
    await client.reply()
    await client.command('EHLO client.test')
    await inbox.stop()
    await client.closed
    const [summary] = inbox.sessions()
    const record = await inbox.session(summary!.id)
    expect(record?.endedAt).toEqual(expect.any(String))
    expect(record?.events.map((event) => event.text)).toContain('EHLO client.test')
  })
})
