// `mailwire inbox` in-process: the capture server headless, a message sent to it with our
// engine, the arrival line (and ndjson with --json), fault flags, and a clean stop.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startLocalInbox } from '../../main/inbox'
import type { MessageSummary } from '../../main/inbox'
import { messageFactory } from '../../main/message'
import { sendMail } from '../../main/smtp'
import type { MessageFactory, SendResult } from '../../main/smtp/types'
import { cli, reasonLines, startCli, type RunningCli } from './support/capture-io'

const folders: string[] = []
const controllers: AbortController[] = []
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort()
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function dataDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'mailwire-inbox-cli-'))
  folders.push(folder)
  return join(folder, 'inbox')
}

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

interface RunningInbox {
  run: RunningCli
  stop: () => void
  port: number
  caPath: string
}

async function startInbox(args: string[], options: { json?: boolean } = {}): Promise<RunningInbox> {
  const controller = new AbortController()
  controllers.push(controller)
  const run = startCli(['inbox', '--port', '0', ...args, ...(options.json ? ['--json'] : [])], { signal: controller.signal })
  if (options.json) {
    const line = (await printed(run, /^(\{"event":"listening".*)\n/))[1] ?? ''
    const listening = JSON.parse(line) as { port: number; caPath: string }
    return { run, stop: () => controller.abort(), port: listening.port, caPath: listening.caPath }
  }
  const [, port = '', caPath = ''] = await printed(run, /listening on 127\.0\.0\.1:(\d+)\n {2}STARTTLS certificate: (.+)\n/)
  return { run, stop: () => controller.abort(), port: Number(port), caPath }
}

function composed(subject: string, to = 'inbox@mailwire.test'): MessageFactory {
  return messageFactory({ from: 'Ann <ann@mailwire.test>', to: [to], cc: [], bcc: [], subject, text: 'Hello, inbox.', attachments: [], headers: [] })
}

/** Our engine, trusting only the certificate file the inbox printed. */
function sendTo(inbox: RunningInbox, message: MessageFactory, to = 'inbox@mailwire.test'): Promise<SendResult> {
  return sendMail(
    { host: '127.0.0.1', port: inbox.port, security: 'starttls', ca: readFileSync(inbox.caPath, 'utf8') },
    { from: 'ann@mailwire.test', to: [to] },
    message,
  )
}

describe('mailwire inbox', () => {
  it('listens, prints each message as it arrives, and stops cleanly with exit 0', async () => {
    const folder = dataDir()
    const inbox = await startInbox(['--data-dir', folder])
    expect(inbox.port).toBeGreaterThan(0)
    expect(inbox.caPath).toBe(join(folder, 'inbox-ca.pem'))
    // The file to trust is the certificate alone: the key stays in the inbox's own file.
    const caFile = readFileSync(inbox.caPath, 'utf8')
    expect(caFile).toMatch(/^-----BEGIN CERTIFICATE-----/)
    expect(caFile).not.toContain('PRIVATE KEY')
    const banner = inbox.run.stdout()
    expect(banner).toMatch(/ {4}sha256 ([0-9A-F]{2}:){31}[0-9A-F]{2}\n/)
    expect(banner).toContain('Faults: none')
    expect(banner).toContain(`mailwire send --server 127.0.0.1:${inbox.port} --ca '${inbox.caPath}'`)

    const result = await sendTo(inbox, composed('First one'))
    expect(result.status).toBe('sent')
    expect(result.tls?.authorized).toBe(true)
    const [line = ''] = await printed(inbox.run, /^\d\d:\d\d:\d\d {2}ann@mailwire\.test -> inbox@mailwire\.test .*\n/m)
    expect(line).toContain('"First one"')
    expect(line).toContain(result.queueId)
    expect(line).toContain('(TLS)')
    const size = Number(/ {2}(\d+) bytes {2}/.exec(line)?.[1])
    expect(size).toBe(statSync(join(folder, 'messages', `${result.queueId}.eml`)).size)

    inbox.stop()
    const done = await inbox.run.done
    expect(done.code).toBe(0)
    expect(done.stderr).toBe('')
    expect(done.stdout).toContain(`Stopped; the messages stay in ${folder}.`)
  })

  it('--json prints one JSON object per line: listening, each message, stopped', async () => {
    const folder = dataDir()
    const inbox = await startInbox(['--data-dir', folder], { json: true })
    const first = await sendTo(inbox, composed('one'))
    const second = await sendTo(inbox, composed('two'))
    await printed(inbox.run, new RegExp(`"id":"${second.queueId}"`))
    inbox.stop()
    const done = await inbox.run.done
    expect(done.code).toBe(0)

    const lines = done.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; message?: MessageSummary })
      // Authentication results come when their DNS lookups end: before or after the stop (inbox-authentication.test.ts).
      .filter((line) => line.event !== 'authentication')
    expect(lines.map((line) => line.event)).toEqual(['listening', 'message', 'message', 'stopped'])
    expect(lines[0]).toMatchObject({ host: '127.0.0.1', port: inbox.port, dataDir: folder, caPath: inbox.caPath, faults: {}, keptMessages: 0 })
    expect(lines[1]?.message).toMatchObject({ id: first.queueId, subject: 'one', secure: true, envelope: { mailFrom: 'ann@mailwire.test', rcptTo: ['inbox@mailwire.test'] } })
    expect(lines[2]?.message?.id).toBe(second.queueId)
    expect(lines[2]?.message?.size).toBe(second.dataBytes)
  })

  it('keeps its messages in the data folder across runs and trusts the same certificate again', async () => {
    const folder = dataDir()
    const firstRun = await startInbox(['--data-dir', folder])
    await sendTo(firstRun, composed('kept'))
    const firstCa = readFileSync(firstRun.caPath, 'utf8')
    firstRun.stop()
    expect((await firstRun.run.done).code).toBe(0)

    const secondRun = await startInbox(['--data-dir', folder])
    expect(secondRun.run.stdout()).toContain(`Data folder: ${folder} (1 message kept from earlier runs)`)
    expect(readFileSync(secondRun.caPath, 'utf8')).toBe(firstCa)
    secondRun.stop()
    expect((await secondRun.run.done).code).toBe(0)
  })

  it('prints what a client put in a message safely: no terminal escapes reach the screen', async () => {
    const inbox = await startInbox(['--data-dir', dataDir()])
    const raw = Buffer.from('From: x@mailwire.test\r\nSubject: evil \u001b]0;owned\u0007 \u202etxt.exe\r\n\r\nbody\r\n')
    const message: MessageFactory = () => ({ size: raw.length, eightBit: true, open: async function* () { yield raw } })
    expect((await sendTo(inbox, message)).status).toBe('sent')
    const [line = ''] = await printed(inbox.run, /^\d\d:\d\d:\d\d {2}ann@mailwire\.test -> .*\n/m)
    expect(line).toContain('evil ␛]0;owned␇ \\u{202e}txt.exe')
    expect(inbox.run.stdout()).not.toMatch(/[\u001b\u0007\u202e]/)
    inbox.stop()
    expect((await inbox.run.done).code).toBe(0)
  })

  it('--fault refuse-recipient=reject* makes a send to reject@… exit 1, and the inbox says so', async () => {
    const inbox = await startInbox(['--data-dir', dataDir(), '--fault', 'refuse-recipient=reject*'])
    expect(inbox.run.stdout()).toContain('Faults: refuse-recipient=reject*')
    const send = (to: string) =>
      cli(['send', '--server', `127.0.0.1:${inbox.port}`, '--ca', inbox.caPath, '--from', 'ann@mailwire.test', '--to', to, '--body', 'hi'])

    const refused = await send('reject@mailwire.test')
    expect(refused.code).toBe(1)
    expect(reasonLines(refused)).toEqual([
      'mailwire: the server refused every recipient (reject@mailwire.test: 550 5.1.1 <reject@mailwire.test>: Recipient address rejected (local inbox fault: refuse recipient))',
    ])
    await printed(inbox.run, /session ses-\S+ from 127\.0\.0\.1:\d+ ended without a message; fault refuse-recipient acted\n/)

    const accepted = await send('someone@mailwire.test')
    expect(accepted.code).toBe(0)
    await printed(inbox.run, /ann@mailwire\.test -> someone@mailwire\.test/)
    inbox.stop()
    expect((await inbox.run.done).code).toBe(0)
  })

  it('refuses a bad --fault, --port or --host with exit 2 before anything starts', async () => {
    const cases: Array<[string[], string]> = [
      [['--fault', 'slow-replies=fast'], "--fault slow-replies=MS must be a whole number (milliseconds) (got 'fast')"],
      [['--fault', 'slow-replies=600001'], '--fault slow-replies must be a whole number from 0 to 600000'],
      [['--fault', 'slow-replies'], '--fault slow-replies needs a value: --fault slow-replies=MS'],
      [['--fault', 'disconnect-mid-data=-1'], "--fault disconnect-mid-data=BYTES must be a whole number (bytes of message data) (got '-1')"],
      [['--fault', 'greeting-421=yes'], "--fault greeting-421 takes no value (got 'greeting-421=yes')"],
      [['--fault', 'refuse-recipient=a b'], '--fault refuse-recipient may not contain spaces, control characters or <>'],
      [['--fault', 'rcpt-451', '--fault', 'rcpt-451'], '--fault rcpt-451 given twice'],
      [['--fault', 'explode'], "unknown fault 'explode': give one of refuse-recipient=PATTERN, greeting-421, rcpt-451, slow-replies=MS, disconnect-mid-data=BYTES"],
      [['--port', '70000'], "--port must be a number from 0 to 65535 (0: any free port; got '70000')"],
      [['--host', 'mail.example.com'], "--host must be an IP address to listen on, or localhost (got 'mail.example.com')"],
      [['--server', '127.0.0.1'], "--server does not apply to 'mailwire inbox'"],
      [['extra'], "unexpected argument 'extra' (mailwire inbox takes only options; see mailwire --help)"],
    ]
    for (const [args, reason] of cases) {
      const folder = dataDir()
      const run = await cli(['inbox', '--data-dir', folder, ...args])
      expect(run.code, args.join(' ')).toBe(2)
      expect(reasonLines(run)).toEqual([`mailwire: ${reason}`])
      expect(existsSync(folder)).toBe(false)
    }
    const json = await cli(['inbox', '--fault', 'nope', '--json'])
    expect(json.code).toBe(2)
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'EINPUT', message: expect.stringMatching(/^unknown fault 'nope'/) } })
  })

  it('exits 3 with one line when the port is taken', async () => {
    const other = await startLocalInbox({ dataDir: dataDir() })
    try {
      const run = await cli(['inbox', '--data-dir', dataDir(), '--port', String(other.port)])
      expect(run.code).toBe(3)
      expect(reasonLines(run)).toEqual([`mailwire: cannot listen on 127.0.0.1:${other.port}: the port is in use (leave out --port for a free one)`])
    } finally {
      await other.stop()
    }
  })

  it('listens on ::1 when asked', async () => {
    const controller = new AbortController()
    controllers.push(controller)
    const run = startCli(['inbox', '--host', '::1', '--port', '0', '--data-dir', dataDir()], { signal: controller.signal })
    const [, port = ''] = await printed(run, /listening on \[::1\]:(\d+)\n/)
    const result = await sendMail(
      { host: '::1', port: Number(port), security: 'starttls', ca: readFileSync(join(folders.at(-1) ?? '', 'inbox', 'inbox-ca.pem'), 'utf8') },
      { from: 'ann@mailwire.test', to: ['inbox@mailwire.test'] },
      composed('over IPv6'),
    )
    expect(result.status).toBe('sent')
    controller.abort()
    const done = await run.done
    expect(done.code).toBe(0)
    expect(done.stderr).toBe('') // loopback: no warning
  })
})
