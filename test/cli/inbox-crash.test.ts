// What a 250 from `mailwire inbox` promises: the message is on disk and survives the
// inbox's own crash. The built CLI takes messages from ten clients at once and is killed
// (SIGKILL: no handler runs, nothing is flushed on the way out) right after one of its
// 250s; a new inbox on the same folder lists every message that got a 250, byte for byte.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalInbox } from '../../main/inbox'
import { plainMessage } from '../inbox/support/messages'
import { RawSmtpClient } from '../inbox/support/raw-smtp-client'
import { BUILT_CLI, ensureBuiltCli } from './support/built-cli'

const CLIENTS = 10
const MESSAGES_PER_CLIENT = 6
/** The 250 after which the inbox is killed: in the middle of the run, with other messages in flight. */
const KILL_AFTER = 25

let folder: string
beforeAll(() => {
  ensureBuiltCli()
  folder = mkdtempSync(join(tmpdir(), 'mailwire-inbox-crash-'))
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** The port from the inbox's first --json line. */
function listeningPort(child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = ''
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk
      const end = text.indexOf('\n')
      if (end !== -1) resolve((JSON.parse(text.slice(0, end)) as { port: number }).port)
    })
    child.once('exit', (code) => reject(new Error(`mailwire inbox exited ${code} before listening`)))
  })
}

describe('mailwire inbox killed right after a 250', () => {
  it('keeps every message it answered 250, as sent', async () => {
    const dataDir = join(folder, 'inbox')
    const child = spawn(process.execPath, [BUILT_CLI, 'inbox', '--data-dir', dataDir, '--json'], {
      env: { PATH: process.env['PATH'] ?? '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    const port = await listeningPort(child)

    const sent = new Map<string, Buffer>()
    let accepted = 0
    const deliver = async (client: number): Promise<void> => {
      const smtp = await RawSmtpClient.connect(port)
      if ((await smtp.reply()) === null) return
      await smtp.command('EHLO crash.test')
      for (let n = 0; n < MESSAGES_PER_CLIENT; n++) {
        const message = plainMessage(`client ${client} message ${n}`, 2000 + 500 * n)
        if ((await smtp.command('MAIL FROM:<sender@example.test>'))?.[0]?.startsWith('250') !== true) return
        await smtp.command('RCPT TO:<rcpt@example.test>')
        await smtp.command('DATA')
        const reply = await smtp.command(`${message.toString()}.`)
        const id = /^250 .*queued as (msg-\S+)/.exec(reply?.[0] ?? '')?.[1]
        if (!id) return
        sent.set(id, message)
        // At once, before anything else runs: the inbox gets no chance to finish anything.
        if (++accepted === KILL_AFTER) child.kill('SIGKILL')
      }
    }
    await Promise.all(Array.from({ length: CLIENTS }, (_, client) => deliver(client).catch(() => undefined)))
    expect(await exited).toBe('SIGKILL')
    expect(sent.size).toBeGreaterThanOrEqual(KILL_AFTER)
    expect(sent.size).toBeLessThan(CLIENTS * MESSAGES_PER_CLIENT)

    const restarted = await startLocalInbox({ dataDir })
    try {
      const listed = new Set(restarted.messages().map((message) => message.id))
      for (const [id, message] of sent) {
        expect(listed.has(id), `${id} got a 250 but is not listed`).toBe(true)
        expect((await restarted.raw(id))?.equals(message)).toBe(true)
        expect((await restarted.get(id))?.parsed.subject).toBe(message.toString().match(/Subject: (.*)\r\n/)?.[1])
      }
    } finally {
      await restarted.stop()
    }
  })
})
