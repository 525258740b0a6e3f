// `mailwire send --local` in-process: a temporary local test inbox, one send over STARTTLS
// verified against the inbox's own certificate, and both ends of the same session.
import { createHmac, randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InboxSession, StoredMessage } from '../../main/inbox'
import type { SendResult, WireEvent } from '../../main/smtp/types'
import { cli, reasonLines, type CliRun } from './support/capture-io'

interface LocalJson {
  transcript: WireEvent[]
  result: SendResult
  inbox: { session: InboxSession | null; message: StoredMessage | null }
}

// The temporary inbox folders go under TMPDIR: a fresh one here, so the test can see that
// each run removes its own. Test files run in their own workers, so no other file sees it.
let scratch: string
let previousTmp: string | undefined
beforeAll(() => {
  previousTmp = process.env['TMPDIR']
  scratch = mkdtempSync(join(tmpdir(), 'mailwire-local-test-'))
  process.env['TMPDIR'] = scratch
})
afterAll(() => {
  if (previousTmp === undefined) delete process.env['TMPDIR']
  else process.env['TMPDIR'] = previousTmp
  rmSync(scratch, { recursive: true, force: true })
})

const local = (...args: string[]) => ['send', '--local', ...args]

/** Lines of stdout after the heading that starts the inbox's side. */
function inboxSideOf(run: CliRun): string {
  const at = run.stdout.indexOf('The same session as the inbox (the server) saw it')
  expect(at, run.stdout).toBeGreaterThan(0)
  return run.stdout.slice(at)
}

function clientSideOf(run: CliRun): string {
  return run.stdout.slice(0, run.stdout.indexOf('The same session as the inbox'))
}

describe('mailwire send --local', () => {
  it('sends to a temporary inbox and prints both sides: our transcript with the TLS boundary, the inbox record, the message', async () => {
    const run = await cli(local('--to', 'a@mailwire.test', '--subject', 'hi', '--body', 'hello'))
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)

    const client = clientSideOf(run)
    expect(client).toContain('The session as Mailwire (the client) saw it:')
    expect(client).toMatch(/ -> STARTTLS\n/)
    expect(client).toMatch(/ <- 220 2\.0\.0 Ready to start TLS/)
    // After the boundary every line travels in TLS.
    expect(client).toMatch(/ ~> MAIL FROM:<you@mailwire\.test>/)
    expect(client).toMatch(/ ~> RCPT TO:<a@mailwire\.test>/)
    expect(client).toMatch(/ <~ 250 2\.6\.0 Message queued as msg-/)
    expect(client).toContain('certificate verified')
    // The greeting and building the message are steps of their own, not the connect's or EHLO's (issue 24, point 5).
    expect(client).toMatch(/Timings: connect [\d.]+ms, greeting [\d.]+ms, ehlo [\d.]+ms, .*prepare [\d.]+ms, mail [\d.]+ms/)

    const server = inboxSideOf(run)
    expect(server).toMatch(/ S-> 220 localhost ESMTP Mailwire local test inbox\n/)
    expect(server).toMatch(/ S<- EHLO /)
    expect(server).toMatch(/ S<- STARTTLS\n/)
    expect(server).toMatch(/ S== TLS started: TLSv1\.[23]/)
    expect(server).toMatch(/ S<~ MAIL FROM:<you@mailwire\.test>/)
    expect(server).toMatch(/ S<~ RCPT TO:<a@mailwire\.test>/)
    expect(server).toMatch(/ S~> 221 /)
    expect(server).toMatch(/ S== connection closed\n/)
    // Nothing of the session is shown as cleartext after TLS started.
    const afterTls = server.slice(server.indexOf('TLS started'))
    expect(afterTls).not.toMatch(/ S(<-|->) /)

    expect(server).toMatch(/Received by the inbox: message msg-\S+, \d+ bytes, inside TLS\./)
    expect(server).toContain('Envelope   MAIL FROM:<you@mailwire.test>  RCPT TO:<a@mailwire.test>')
    expect(server).toContain('Subject    hi')
    expect(server).toContain('Text       hello')
    // The queue id the client saw is the id the inbox kept the message under.
    const queued = /Message queued as (msg-\S+)/.exec(client)?.[1]
    expect(server).toContain(`Received by the inbox: message ${queued},`)
  })

  it('--json adds the inbox side; the size kept equals the bytes sent through DATA less the dot-stuffing', async () => {
    // Two lines start with a dot: each goes out with one more dot, which the server removes.
    const body = 'first line\n.a dot line\n..two dots\nlast line'
    const run = await cli(local('--subject', 'sizes', '--body', body, '--json'))
    expect(run.code).toBe(0)
    const json = JSON.parse(run.stdout) as LocalJson
    expect(json.result.status).toBe('sent')
    expect(json.result.tls).toMatchObject({ authorized: true, verificationSkipped: false, mode: 'starttls' })

    const { session, message } = json.inbox
    expect(message).not.toBeNull()
    expect(session).not.toBeNull()
    const stuffedDots = 2
    expect(message?.size).toBe(json.result.dataBytes - stuffedDots)
    expect(session?.events).toContainEqual(expect.objectContaining({ direction: 'info', text: `message ${message?.id} stored: ${message?.size} bytes` }))
    expect(message?.envelope).toEqual({ mailFrom: 'you@mailwire.test', rcptTo: ['inbox@mailwire.test'], bodyType: '7bit', smtpUtf8: false })
    expect(message?.parsed.text?.replace(/\r\n/g, '\n').trimEnd()).toBe(body)
    expect(message?.id).toBe(json.result.queueId)
    expect(session?.messageIds).toEqual([message?.id])
    // The client's side: the same session, the same message.
    expect(json.transcript.some((event) => event.kind === 'client' && event.secure && event.text === 'RCPT TO:<inbox@mailwire.test>')).toBe(true)
  })

  it('masks AUTH on both sides: the password, its base64, the PLAIN blob and the CRAM-MD5 answer appear nowhere', async () => {
    const user = 'ann'
    const password = `pw-${randomBytes(9).toString('hex')}`
    const env = { MAILWIRE_PASSWORD: password }
    const human = await cli(local('--user', user, '--body', 'with a login'), { env })
    const json = await cli(local('--user', user, '--body', 'with a login', '--json'), { env })
    expect(human.code).toBe(0)
    expect(json.code).toBe(0)

    const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
    // The engine chose CRAM-MD5 (the inbox offers it); its answer to the challenge is a secret too.
    const challenge = /334 (\S+)/.exec(human.stdout)?.[1] ?? ''
    expect(challenge).not.toBe('')
    const hmac = createHmac('md5', password).update(Buffer.from(challenge, 'base64')).digest('hex')
    const secrets = [password, b64(password), b64(`\0${user}\0${password}`), b64(`${user} ${hmac}`), hmac]
    for (const run of [human, json]) {
      for (const secret of secrets) {
        expect(run.stdout).not.toContain(secret)
        expect(run.stderr).not.toContain(secret)
      }
    }

    expect(clientSideOf(human)).toMatch(/ ~> AUTH CRAM-MD5\n/)
    expect(clientSideOf(human)).toMatch(/ ~> \*{4}\n/)
    const server = inboxSideOf(human)
    expect(server).toMatch(/ S<~ AUTH CRAM-MD5\n/)
    expect(server).toMatch(/ S<~ \*{4}\n/)
    expect(server).toMatch(/ S~> 235 2\.7\.0 Authentication successful/)
    expect(server).toContain('logged in as "ann" (test credentials)')
    const parsed = JSON.parse(json.stdout) as LocalJson
    expect(parsed.inbox.session?.auth).toEqual({ method: 'CRAM-MD5', username: user, testCredentials: true })
  })

  it('plays a fault for this send: refused recipients exit 1, a 421 greeting exits 3, each shown on the inbox side', async () => {
    const refused = await cli(local('--to', 'ok@mailwire.test', '--to', 'reject-me@mailwire.test', '--fault', 'refuse-recipient=reject*'))
    expect(refused.code).toBe(1)
    expect(reasonLines(refused)).toEqual([expect.stringMatching(/^mailwire: the server refused 1 of 2 recipients \(reject-me@mailwire\.test: 550 5\.1\.1 /)])
    expect(refused.stdout).toContain('faults: refuse-recipient=reject*')
    expect(inboxSideOf(refused)).toMatch(/ S== fault refuseRecipient: answered RCPT TO:<reject-me@mailwire\.test> with 550/)

    const all451 = await cli(local('--fault', 'rcpt-451'))
    expect(all451.code).toBe(1)
    expect(inboxSideOf(all451)).toMatch(/ S~> 451 4\.3\.0 /)
    expect(all451.stdout).toContain('The inbox kept no message from this session.')

    const closed = await cli(local('--fault', 'greeting-421', '--json'))
    expect(closed.code).toBe(3)
    const json = JSON.parse(closed.stdout) as LocalJson
    expect(json.result.error?.reply?.code).toBe(421)
    expect(json.inbox.message).toBeNull()
    expect(json.inbox.session?.faults).toEqual(['greeting421'])
  })

  it('refuses flags that do not fit --local (exit 2, nothing started)', async () => {
    const cases: Array<[string[], RegExp]> = [
      [local('--server', '127.0.0.1:25'), /^mailwire: --server cannot be used with --local/],
      [local('--ca', '/nonexistent.pem'), /^mailwire: --ca cannot be used with --local/],
      [local('--insecure'), /^mailwire: --insecure cannot be used with --local/],
      [local('--tls', 'implicit'), /^mailwire: --tls implicit cannot be used with --local/],
      [local('--fault', 'slow-replies=soon'), /^mailwire: --fault slow-replies=MS must be a whole number/],
      [local('--to', 'bad\r\nRCPT TO:<x@y>'), /^mailwire: --to cannot contain CR or LF/],
      [local('--user', 'ann'), /needs a password: set MAILWIRE_PASSWORD/],
      [['send', '--fault', 'rcpt-451', '--server', '127.0.0.1:25', '--from', 'a@x.test', '--to', 'b@x.test'], /^mailwire: --fault needs --local/],
    ]
    for (const [argv, reason] of cases) {
      const run = await cli(argv)
      expect(run.code, argv.join(' ')).toBe(2)
      expect(reasonLines(run)).toEqual([expect.stringMatching(reason)])
      expect(run.stdout).toBe('')
    }
  })

  it('removes its temporary inbox folder after every run', async () => {
    expect(readdirSync(scratch)).toEqual([])
    await cli(local('--body', 'one'))
    await cli(local('--fault', 'greeting-421'))
    expect(readdirSync(scratch)).toEqual([])
  })
})
