// `mailwire send` in-process against a real SMTP server (smtp-server): STARTTLS with the
// test CA, AUTH with the password from the environment, pasted lists, raw mode, JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RAW_FILE_CHUNK_BYTES } from '../../main/message/raw-file'
import { startRecordingProxy } from '../smtp/support/recording-proxy'
import { ACCOUNT, inProcessServer, type InProcessServer } from './support/smtp-server'
import { cli, reasonLines, type CliRun } from './support/capture-io'
import { tempFiles, type TempFiles } from './support/temp-files'

let server: InProcessServer
let files: TempFiles
let caPath: string

beforeAll(async () => {
  server = await inProcessServer()
  files = tempFiles()
  caPath = files.write('ca.pem', server.caPem)
})
afterAll(async () => {
  await server.stop()
  files.remove()
})

const sendTo = (...args: string[]) => [
  'send', '--server', `127.0.0.1:${server.port}`, '--ca', caPath, '--from', 'Ann <ann@sender.test>', ...args,
]

function secretForms(): string[] {
  const { user, password } = ACCOUNT
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
  return [password, b64(password), b64(`\0${user}\0${password}`), b64(`${user}\0${user}\0${password}`)]
}

function expectNoSecret(run: CliRun): void {
  for (const secret of secretForms()) {
    expect(run.stdout).not.toContain(secret)
    expect(run.stderr).not.toContain(secret)
  }
}

describe('mailwire send against smtp-server', () => {
  it('sends over STARTTLS with AUTH: TLS markers after the boundary, no trace of the password anywhere', async () => {
    const before = server.messages.length
    const run = await cli(
      sendTo('--tls', 'starttls', '--user', ACCOUNT.user, '--to', 'bob@rcpt.test', '--subject', 'Over TLS', '--body', 'Hello'),
      { env: { MAILWIRE_PASSWORD: ACCOUNT.password } },
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expectNoSecret(run)
    const lines = run.stdout.split('\n')
    const boundary = lines.findIndex((line) => / == .*TLS/.test(line))
    expect(boundary).toBeGreaterThan(0)
    expect(lines.slice(0, boundary).some((line) => / -> STARTTLS$/.test(line))).toBe(true)
    expect(lines.slice(0, boundary).join('\n')).not.toMatch(/ (~>|<~) /)
    const after = lines.slice(boundary + 1).join('\n')
    expect(after).toMatch(/ ~> EHLO /)
    expect(after).toMatch(/ ~> AUTH /)
    expect(after).toMatch(/ <~ 235 /)
    expect(after).not.toMatch(/ (->|<-) /)
    expect(run.stdout).toMatch(/^Sent: the recipient was accepted, queued as INPROC1/m)
    expect(run.stdout).toContain('certificate verified')
    expect(server.messages.length).toBe(before + 1)
    expect(server.messages.at(-1)?.raw).toContain('Subject: Over TLS')
  })

  it('keeps the password out of the JSON too', async () => {
    const run = await cli(sendTo('--user', ACCOUNT.user, '--to', 'bob@rcpt.test', '--body', 'x', '--json'), {
      env: { MAILWIRE_PASSWORD: ACCOUNT.password },
    })
    expect(run.code).toBe(0)
    expectNoSecret(run)
    const parsed = JSON.parse(run.stdout) as { transcript: Array<{ text: string }>; result: { status: string } }
    expect(parsed.result.status).toBe('sent')
    expect(parsed.transcript.some((event) => event.text.startsWith('AUTH'))).toBe(true)
  })

  it('refuses a wrong password with exit 1 and the server reply', async () => {
    const run = await cli(sendTo('--user', ACCOUNT.user, '--to', 'bob@rcpt.test', '--body', 'x'), {
      env: { MAILWIRE_PASSWORD: 'wrong-password' },
    })
    expect(run.code).toBe(1)
    expect(reasonLines(run)).toEqual([expect.stringMatching(/^mailwire: .*535/)])
    expect(run.stdout + run.stderr).not.toContain('wrong-password')
  })

  it('takes pasted lists, --cc and --bcc; Bcc recipients get the message without being named in it', async () => {
    const before = server.messages.length
    const run = await cli(
      sendTo('--to', 'one@rcpt.test, Two Person <two@rcpt.test>; three@rcpt.test', '--cc', 'cc@rcpt.test', '--bcc', 'hidden@rcpt.test', '--body', 'x'),
    )
    expect(run.code).toBe(0)
    const message = server.messages[before]
    expect(message?.to).toEqual(['one@rcpt.test', 'two@rcpt.test', 'three@rcpt.test', 'cc@rcpt.test', 'hidden@rcpt.test'])
    expect(message?.raw).toMatch(/^To: .*two@rcpt\.test/m)
    expect(message?.raw).not.toContain('hidden@rcpt.test')
    expect(run.stdout).toMatch(/^Sent: all 5 recipients were accepted/m)
  })

  it('sends a --body-file and --attach files', async () => {
    const before = server.messages.length
    const body = files.write('body.txt', 'Body from a file, with ümlauts.\n')
    const attachment = files.write('report.csv', 'a,b\n1,2\n')
    const run = await cli(sendTo('--to', 'bob@rcpt.test', '--body-file', body, '--attach', attachment, '--header', 'X-Mailwire-Test: yes'))
    expect(run.code).toBe(0)
    const raw = server.messages[before]?.raw ?? ''
    expect(raw).toContain('X-Mailwire-Test: yes')
    expect(raw).toContain('report.csv')
  })

  it('streams a --body-file over the buffer limit: the server gets its text byte for byte, lines made CRLF', async () => {
    const before = server.messages.length
    const endings = ['\n', '\r\n', '\r']
    const text = Array.from({ length: 50_000 }, (_, n) => `${n % 40 === 0 ? '.' : ''}line ${n} of a long body`).map((line, n) => line + endings[n % 3]).join('')
    expect(text.length).toBeGreaterThan(1024 * 1024)
    const run = await cli(sendTo('--tls', 'none', '--to', 'bob@rcpt.test', '--body-file', files.write('long.txt', text)))
    expect(run.code).toBe(0)
    const raw = server.messages[before]?.raw ?? ''
    expect(raw).toMatch(/^Content-Transfer-Encoding: 7bit$/m)
    expect(raw.slice(raw.indexOf('\r\n\r\n') + 4)).toBe(text.replace(/\r\n|\r|\n/g, '\r\n'))
  })

  it('shows message lines up to the bound, then how many bytes and lines went', async () => {
    const body = Array.from({ length: 500 }, (_, i) => `body line ${i}`).join('\n')
    const run = await cli(sendTo('--to', 'bob@rcpt.test', '--body', body))
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/ ~> body line 0$/m)
    expect(run.stdout).not.toMatch(/ ~> body line 499$/m)
    expect(run.stdout).toMatch(/ == message data: \d+ bytes, \d+ lines; \d+ more lines not shown/)
    expect(run.stdout).toMatch(/ ~> \.$/m)
  })

  it('sends a --data-file as the whole message, warning about the missing Date header', async () => {
    const before = server.messages.length
    const data = files.write('message.eml', 'From: ann@sender.test\nSubject: Raw\n\nTyped like telnet.\n.starts with a dot\n')
    const run = await cli(sendTo('--to', 'bob@rcpt.test', '--data-file', data))
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/^mailwire: warning: --data-file has no Date header/m)
    expect(run.stderr).not.toMatch(/no From header/)
    expect(server.messages[before]?.raw).toBe('From: ann@sender.test\r\nSubject: Raw\r\n\r\nTyped like telnet.\r\n.starts with a dot\r\n')
  })

  it('streams a --data-file as it is: a leading byte order mark dropped, line endings made CRLF, dots stuffed', async () => {
    const before = server.messages.length
    const text = 'From: ann@sender.test\nDate: Mon, 1 Jan 2024 00:00:00 +0000\rSubject: Raw\r\n\nGrüße.\n.dot\r'
    const data = files.write('bom.eml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))
    const run = await cli(sendTo('--to', 'bob@rcpt.test', '--data-file', data))
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/^mailwire: warning: --data-file has non-ASCII characters in its body/m)
    expect(run.stdout).toMatch(/ ~> MAIL FROM:<ann@sender\.test> .*BODY=8BITMIME/m)
    expect(run.stdout).toMatch(/ ~> \.\.dot$/m)
    expect(server.messages[before]?.raw).toBe(text.replace(/\r\n|\r|\n/g, '\r\n'))
  })

  it('streams a --data-file whose read chunks end before a leading dot and inside a CR LF pair', async () => {
    const before = server.messages.length
    let text = 'From: ann@sender.test\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\nSubject: edges\r\n\r\n'
    // CRLF lines that end exactly at `offset`.
    const fillTo = (offset: number) => {
      while (offset - text.length > 146) text += `${'x'.repeat(70)}\r\n`
      const room = offset - text.length
      const first = room >= 4 ? Math.floor(room / 2) : room
      text += `${'y'.repeat(first - 2)}\r\n`
      if (room > first) text += `${'z'.repeat(room - first - 2)}\r\n`
    }
    fillTo(RAW_FILE_CHUNK_BYTES)
    text += '.a dot first in the second chunk\r\n'
    fillTo(2 * RAW_FILE_CHUNK_BYTES - 10)
    // The CR ends the second chunk, its LF starts the third; then a dot right after it.
    text += `${'w'.repeat(9)}\r\n.after the split pair\r\nend\r\n`
    expect(text.indexOf('\r\n.a dot')).toBe(RAW_FILE_CHUNK_BYTES - 2)
    expect(text.indexOf('\r\n.after')).toBe(2 * RAW_FILE_CHUNK_BYTES - 1)
    // The wire is read through a recording proxy: this server takes a lone leading dot as it is.
    const proxy = await startRecordingProxy({ host: '127.0.0.1', port: server.port })
    try {
      const args = sendTo('--tls', 'none', '--to', 'bob@rcpt.test', '--data-file', files.write('edges.eml', text))
      args[2] = `127.0.0.1:${proxy.port}`
      const run = await cli(args)
      expect(run.code, run.stderr).toBe(0)
    } finally {
      await proxy.close()
    }
    const sent = Buffer.concat(proxy.segments.filter((segment) => segment.from === 'client').map((segment) => segment.bytes))
    const stuffed = `${text.replace(/\r\n\./g, '\r\n..')}.\r\n`
    expect(sent.includes(Buffer.from(`DATA\r\n`))).toBe(true)
    expect(sent.subarray(sent.length - stuffed.length - 'QUIT\r\n'.length, sent.length - 'QUIT\r\n'.length).toString()).toBe(stuffed)
    expect(server.messages[before]?.raw).toBe(text)
  })

  it('stops after RCPT with --quit-after rcpt: exit 0, no message', async () => {
    const before = server.messages.length
    const run = await cli(sendTo('--to', 'bob@rcpt.test', '--body', 'x', '--quit-after', 'rcpt'))
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/ [-~]> QUIT$/m)
    expect(run.stdout).not.toMatch(/ [-~]> DATA$/m)
    expect(run.stdout).toMatch(/^Stopped after rcpt as asked/m)
    expect(server.messages.length).toBe(before)
  })

  it('exits 1 when one recipient is refused, naming it, and still delivers to the others', async () => {
    const before = server.messages.length
    const run = await cli(sendTo('--to', 'ok@rcpt.test, reject-me@rcpt.test', '--body', 'x'))
    expect(run.code).toBe(1)
    expect(reasonLines(run)).toEqual(['mailwire: the server refused 1 of 2 recipients (reject-me@rcpt.test: 550 5.1.1 Recipient refused)'])
    expect(run.stdout).toMatch(/^Partly sent: 1 of 2 recipients accepted/m)
    expect(server.messages[before]?.to).toEqual(['ok@rcpt.test'])
  })

  it('exits 1 when every recipient is refused, and sends no message', async () => {
    const before = server.messages.length
    const run = await cli(sendTo('--to', 'reject-a@rcpt.test', '--to', 'reject-b@rcpt.test', '--body', 'x'))
    expect(run.code).toBe(1)
    expect(reasonLines(run)).toEqual([expect.stringMatching(/^mailwire: the server refused every recipient \(reject-a@rcpt\.test: 550/)])
    expect(server.messages.length).toBe(before)
  })

  it('prints exactly one JSON object with the transcript and the result, and nothing else', async () => {
    const run = await cli(sendTo('--to', 'bob@rcpt.test', '--subject', 'JSON', '--body', 'x', '--json'))
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    const parsed = JSON.parse(run.stdout) as Record<string, unknown>
    expect(Object.keys(parsed)).toEqual(['format', 'kind', 'writtenBy', 'startedAt', 'profile', 'envelope', 'message', 'transcript', 'result'])
    const transcript = parsed['transcript'] as Array<{ seq: number; kind: string; text: string; phase: string }>
    expect(transcript.map((event) => event.seq)).toEqual(transcript.map((_, i) => i))
    expect(transcript.find((event) => event.kind === 'server')?.text).toMatch(/^220 /)
    expect(parsed['result']).toMatchObject({
      status: 'sent',
      queueId: 'INPROC1',
      recipients: [{ address: 'bob@rcpt.test', accepted: true, reply: { code: 250 } }],
    })
  })

  it('colours only when asked: plain into a pipe, ANSI with FORCE_COLOR or a terminal, plain again with NO_COLOR', async () => {
    const args = sendTo('--to', 'bob@rcpt.test', '--body', 'x', '--quit-after', 'ehlo')
    expect((await cli(args)).stdout).not.toContain('\u001b')
    expect((await cli(args, { env: { FORCE_COLOR: '1' } })).stdout).toContain('\u001b[')
    expect((await cli(args, { isTTY: true })).stdout).toContain('\u001b[')
    expect((await cli(args, { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b')
  })
})

describe('mailwire send: passwords and cleartext', () => {
  let plain: InProcessServer
  beforeAll(async () => {
    plain = await inProcessServer({ startTls: false, authWithoutTls: true })
  })
  afterAll(() => plain.stop())

  const plainArgs = (...extra: string[]) => [
    'send', '--server', `127.0.0.1:${plain.port}`, '--from', 'ann@sender.test', '--to', 'bob@rcpt.test', '--body', 'x',
    '--user', ACCOUNT.user, ...extra,
  ]

  it('refuses to send the password to a server that offers AUTH without STARTTLS: exit 2, nothing sent', async () => {
    const run = await cli(plainArgs(), { env: { MAILWIRE_PASSWORD: ACCOUNT.password } })
    expect(run.code).toBe(2)
    expect(reasonLines(run)).toEqual([expect.stringMatching(/^mailwire: .*(cleartext|plaintext|TLS)/i)])
    expect(plain.logins).toEqual([])
    expect(plain.messages).toEqual([])
    expectNoSecret(run)
  })

  it('sends it there with --allow-plaintext-auth, still masked in the transcript', async () => {
    const run = await cli(plainArgs('--allow-plaintext-auth'), { env: { MAILWIRE_PASSWORD: ACCOUNT.password } })
    expect(run.code).toBe(0)
    expect(plain.logins).toEqual([ACCOUNT.user])
    expectNoSecret(run)
  })

  it('refuses --user with --tls none before connecting', async () => {
    const run = await cli(plainArgs('--tls', 'none'), { env: { MAILWIRE_PASSWORD: ACCOUNT.password } })
    expect(run.code).toBe(2)
    expect(reasonLines(run)).toEqual([expect.stringMatching(/^mailwire: --user with --tls none would send the password in cleartext/)])
    expect(run.stdout).toBe('')
  })

  it('exits 2 without a password: no MAILWIRE_PASSWORD and no terminal', async () => {
    const run = await cli(plainArgs('--allow-plaintext-auth'))
    expect(run.code).toBe(2)
    expect(reasonLines(run)).toEqual([expect.stringMatching(/^mailwire: --user ann needs a password: set MAILWIRE_PASSWORD/)])
    expect(run.stdout).toBe('')
  })
})
