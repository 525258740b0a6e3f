// Kept messages and sessions: bounded (oldest out first), written whole, restored on
// restart, leftovers of a crash removed, ids checked before they touch a path.
import { appendFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sendMail } from '../../main/smtp'
import type { LocalInbox } from '../../main/inbox'
import { nextSession, useInboxFixture } from './support/inbox-fixture'
import { fixedMessage, plainMessage } from './support/messages'
import { RawSmtpClient } from './support/raw-smtp-client'
import { recordedSessions } from './support/session-records'

const fixture = useInboxFixture()

/** Sends one message and waits until the inbox has closed the record of its session. */
async function send(inbox: LocalInbox, message: Buffer): Promise<void> {
  const ended = nextSession(inbox)
  const result = await sendMail(
    { host: inbox.host, port: inbox.port, security: 'none' },
    { from: 'sender@example.test', to: ['rcpt@example.test'] },
    fixedMessage(message),
  )
  expect(result.status).toBe('sent')
  await ended
}

async function namesIn(folder: string): Promise<string[]> {
  return (await readdir(folder)).sort()
}

async function bytesIn(folder: string): Promise<number> {
  let total = 0
  for (const name of await readdir(folder)) total += (await stat(join(folder, name))).size
  return total
}

describe('local inbox storage', () => {
  it('keeps the newest messages up to the count limit and restores them after a restart', async () => {
    const dataDir = await fixture.dataDir()
    const inbox = await fixture.start({ dataDir, limits: { maxMessages: 3 } })
    const sent = ['one', 'two', 'three', 'four', 'five'].map((subject) => plainMessage(subject, 300))
    for (const message of sent) await send(inbox, message)

    const kept = inbox.messages()
    expect(kept.map((message) => message.subject)).toEqual(['five', 'four', 'three'])
    // Evicted files are deleted behind the 250 (store.ts): wait for them, do not race them.
    await expect.poll(async () => (await namesIn(join(dataDir, 'messages'))).filter((name) => name.endsWith('.eml'))).toHaveLength(3)
    const sessionsBefore = await Promise.all(kept.map((message) => inbox.session(message.sessionId)))
    await inbox.stop()

    const restarted = await fixture.start({ dataDir, limits: { maxMessages: 3 } })
    expect(restarted.messages()).toEqual(kept)
    for (const [index, message] of kept.entries()) {
      expect((await restarted.raw(message.id))!.equals(sent[4 - index]!)).toBe(true)
      expect((await restarted.get(message.id))?.parsed.subject).toBe(message.subject)
      const session = await restarted.session(message.sessionId)
      expect(session).toEqual(sessionsBefore[index])
      expect(session?.messageIds).toEqual([message.id])
    }
    // A message after the restart goes after the restored ones.
    await send(restarted, plainMessage('six', 300))
    expect(restarted.messages().map((message) => message.subject)).toEqual(['six', 'five', 'four'])
  })

  it('idle() waits for the parsed form get() writes behind, after stop() too, so the folder can go', async () => {
    const dataDir = await fixture.dataDir()
    const inbox = await fixture.start({ dataDir })
    await send(inbox, plainMessage('parsed late', 300))
    await inbox.stop()
    const [message] = inbox.messages()
    expect((await inbox.get(message!.id))?.parsed.subject).toBe('parsed late')
    await inbox.idle()
    expect(await namesIn(join(dataDir, 'messages'))).toContain(`${message!.id}.parsed.json`)
    // What `mailwire send --local` does next: nothing lands in the folder while it goes.
    await rm(dataDir, { recursive: true })
  })

  it('keeps the bytes on disk under the byte limit, evicting the oldest first', async () => {
    const dataDir = await fixture.dataDir()
    const maxStoreBytes = 100_000
    const inbox = await fixture.start({ dataDir, limits: { maxStoreBytes } })
    for (const subject of ['a', 'b', 'c', 'd', 'e', 'f']) {
      await send(inbox, plainMessage(subject, 20_000))
      await expect.poll(() => bytesIn(join(dataDir, 'messages'))).toBeLessThanOrEqual(maxStoreBytes)
    }
    const subjects = inbox.messages().map((message) => message.subject)
    expect(subjects[0]).toBe('f')
    expect(subjects.length).toBeLessThan(6)
    expect(subjects).toEqual(['f', 'e', 'd', 'c', 'b', 'a'].slice(0, subjects.length))
  })

  it('refuses a message over the SIZE limit with 552 and keeps nothing of it', async () => {
    const dataDir = await fixture.dataDir()
    const inbox = await fixture.start({ dataDir, limits: { maxMessageBytes: 1000 } })
    const client = await RawSmtpClient.connect(inbox.port)
    await client.reply()
    expect(await client.command('EHLO client.test')).toContain('250 SIZE 1000')
    expect(await client.command('MAIL FROM:<a@example.test> SIZE=5000')).toEqual([
      '552 5.3.4 Error: message exceeds fixed maximum message size 1000',
    ])
    await client.command('MAIL FROM:<a@example.test>')
    await client.command('RCPT TO:<b@example.test>')
    await client.command('DATA')
    expect(await client.command(`${plainMessage('big', 3000).toString()}.`)).toEqual([
      '552 5.3.4 Error: message exceeds fixed maximum message size 1000',
    ])
    await client.command('QUIT')
    expect(inbox.messages()).toEqual([])
    await inbox.stop()
    expect(await namesIn(join(dataDir, 'messages'))).toEqual([])
  })

  it('drops leftovers of an interrupted write on start and keeps whole messages', async () => {
    const dataDir = await fixture.dataDir()
    const first = await fixture.start({ dataDir })
    await send(first, plainMessage('whole'))
    const [whole] = first.messages()
    await first.stop()

    const messages = join(dataDir, 'messages')
    await writeFile(join(messages, 'msg-0000000zz-001abcdef.eml'), 'raw the journal does not list')
    await writeFile(join(messages, `.${whole!.id}.parsed.json.4242.1234abcd.tmp`), '{"half":')
    await writeFile(join(messages, '.journal.jsonl.4242.1234abcd.tmp'), '{"put":')
    // A line cut short by a crash, and a message listed whose raw file never got whole.
    const listedButCut = { ...whole!, id: 'msg-0000000zz-002abcdef', size: 5000 }
    await writeFile(join(messages, 'msg-0000000zz-002abcdef.eml'), 'short')
    await appendFile(join(messages, 'journal.jsonl'), `${JSON.stringify({ put: listedButCut })}\n{"put":{"id":"msg-0000`)

    const second = await fixture.start({ dataDir })
    expect(second.messages()).toEqual([whole])
    expect(await namesIn(messages)).toEqual(['journal.jsonl', `${whole!.id}.eml`])
    // The journal was rewritten whole: a message after the restart is listed after another one.
    await send(second, plainMessage('after'))
    await second.stop()
    const third = await fixture.start({ dataDir })
    expect(third.messages().map((message) => message.subject)).toEqual(['after', 'whole'])
  })

  it('parses the body when a message is first opened, and again when that parsed form (not flushed) is lost', async () => {
    const dataDir = await fixture.dataDir()
    const first = await fixture.start({ dataDir })
    await send(first, plainMessage('parsed again'))
    const [message] = first.messages()
    expect(message?.subject).toBe('parsed again')
    expect(await namesIn(join(dataDir, 'messages'))).toEqual(['journal.jsonl', `${message!.id}.eml`])
    expect((await first.get(message!.id))?.parsed.text).toContain('body text')
    await first.stop()
    expect(await namesIn(join(dataDir, 'messages'))).toContain(`${message!.id}.parsed.json`)
    await rm(join(dataDir, 'messages', `${message!.id}.parsed.json`))

    const second = await fixture.start({ dataDir })
    expect(second.messages()).toEqual([message])
    expect((await second.get(message!.id))?.parsed.subject).toBe('parsed again')
    await second.stop()
    expect(await namesIn(join(dataDir, 'messages'))).toContain(`${message!.id}.parsed.json`)
  })

  it('lists the subject of a message whose header block is longer than the head kept in memory', async () => {
    const inbox = await fixture.start()
    const filler = Array.from({ length: 1200 }, (_, n) => `X-Filler-${n}: ${'x'.repeat(60)}`).join('\r\n')
    await send(inbox, Buffer.from(`${filler}\r\nSubject: after 70 KiB of headers\r\n\r\nbody\r\n`))
    expect(inbox.messages()[0]?.subject).toBe('after 70 KiB of headers')
  })

  it('takes over a folder from before the journal, where each summary was a file of its own', async () => {
    const dataDir = await fixture.dataDir()
    const first = await fixture.start({ dataDir })
    await send(first, plainMessage('older'))
    await send(first, plainMessage('newer'))
    const kept = first.messages()
    await first.stop()
    const messages = join(dataDir, 'messages')
    for (const message of kept) await writeFile(join(messages, `${message.id}.json`), JSON.stringify(message, null, 2))
    await writeFile(join(messages, 'msg-0000000zz-002abcdef.json'), '{"not":"a summary"}')
    await rm(join(messages, 'journal.jsonl'))

    const second = await fixture.start({ dataDir })
    expect(second.messages()).toEqual(kept)
    expect((await namesIn(messages)).filter((name) => !name.endsWith('.eml') && !name.endsWith('.parsed.json'))).toEqual(['journal.jsonl'])
    await second.stop()
    expect((await fixture.start({ dataDir })).messages()).toEqual(kept)
  })

  it('removes one message or all, and refuses ids that are not its own', async () => {
    const inbox = await fixture.start()
    await send(inbox, plainMessage('first'))
    await send(inbox, plainMessage('second'))
    const [second, first] = inbox.messages()

    for (const bad of ['../messages/x', `${first!.id}/../x`, 'msg-0000000zz-000abcdef', '']) {
      expect(await inbox.get(bad)).toBeUndefined()
      expect(await inbox.raw(bad)).toBeUndefined()
      expect(inbox.rawPath(bad)).toBeUndefined()
      expect(await inbox.session(bad)).toBeUndefined()
      expect(await inbox.remove(bad)).toBe(false)
    }
    expect(await inbox.remove(first!.id)).toBe(true)
    expect(inbox.messages()).toEqual([second])
    expect(await inbox.get(first!.id)).toBeUndefined()
    await inbox.clear()
    expect(inbox.messages()).toEqual([])
    expect(await inbox.raw(second!.id)).toBeUndefined()
  })

  it('keeps sessions up to their limit, but never drops the session of a kept message', async () => {
    const dataDir = await fixture.dataDir()
    const inbox = await fixture.start({ dataDir, limits: { maxSessions: 2 } })
    await send(inbox, plainMessage('kept'))
    const [kept] = inbox.messages()
    // A QUIT-only session each; none delivers a message.
    for (let i = 0; i < 4; i++) {
      const ended = nextSession(inbox)
      const client = await RawSmtpClient.connect(inbox.port)
      await client.reply()
      await client.command('QUIT')
      await ended
    }
    await inbox.stop()
    const sessions = inbox.sessions()
    expect(sessions).toHaveLength(3)
    expect(sessions.at(-1)?.id).toBe(kept!.sessionId)
    expect((await recordedSessions(dataDir)).ids).toHaveLength(3)

    await inbox.clear()
    expect(inbox.sessions()).toHaveLength(0)
  })
})
