// The session file (mailwire-session/1): what send and probe --json write, read back by the
// reader the app and `mailwire diff` use, and `mailwire diff` on real sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSessionDocument } from '../../main/report/session-reader'
import type { SessionDocument } from '../../main/report/session-document'
import type { SessionComparison } from '../../main/report/session-diff'
import { ACCOUNT, inProcessServer, type InProcessServer } from './support/smtp-server'
import { cli } from './support/capture-io'
import { tempFiles, type TempFiles } from './support/temp-files'

let server: InProcessServer
let files: TempFiles
let caPath: string

beforeAll(async () => {
  server = await inProcessServer({ authWithoutTls: true })
  files = tempFiles()
  caPath = files.write('ca.pem', server.caPem)
})
afterAll(async () => {
  await server.stop()
  files.remove()
})

const sendArgs = (tls: string, ...more: string[]) => [
  'send', '--server', `127.0.0.1:${server.port}`, '--ca', caPath, '--tls', tls, '--helo', 'client.test',
  '--from', 'Ann <ann@sender.test>', '--to', 'bob@rcpt.test', '--cc', 'carl@rcpt.test', '--subject', 'Same every time',
  '--body', 'Hello', '--header', 'X-Test: 1', '--json', ...more,
]

async function sendDocument(tls: string, ...more: string[]): Promise<{ text: string; document: SessionDocument }> {
  const run = await cli(sendArgs(tls, ...more), { env: { MAILWIRE_PASSWORD: ACCOUNT.password } })
  expect(run.stderr).toBe('')
  const read = readSessionDocument(run.stdout)
  if (!read.ok) throw new Error(read.error)
  return { text: run.stdout, document: read.document }
}

describe('send and probe --json write one session file', () => {
  it('send: format, profile without the password, envelope, message metadata, transcript and result', async () => {
    const { text, document } = await sendDocument('starttls', '--user', ACCOUNT.user)
    expect(document.format).toBe('mailwire-session/1')
    expect(document.kind).toBe('send')
    expect(document.writtenBy).toMatch(/^mailwire-cli /)
    expect(document.profile).toEqual({
      host: '127.0.0.1', port: server.port, security: 'starttls', username: ACCOUNT.user, clientName: 'client.test', customCa: true,
    })
    expect(document.envelope).toEqual({ from: 'ann@sender.test', to: ['bob@rcpt.test', 'carl@rcpt.test'] })
    expect(document.message).toMatchObject({
      from: 'Ann <ann@sender.test>', to: ['bob@rcpt.test'], cc: ['carl@rcpt.test'], subject: 'Same every time', headers: ['X-Test'], raw: false,
    })
    expect(document.message?.bytes).toBe(document.result?.dataBytes)
    expect(document.result?.status).toBe('sent')
    expect(document.transcript.some((event) => event.text === 'STARTTLS')).toBe(true)
    expect(text).not.toContain(ACCOUNT.password)
    expect(text).not.toContain(Buffer.from(`\0${ACCOUNT.user}\0${ACCOUNT.password}`).toString('base64'))
  })

  it('probe: the same format with kind probe', async () => {
    const run = await cli(['probe', `127.0.0.1:${server.port}`, '--ca', caPath, '--json'])
    const read = readSessionDocument(run.stdout)
    expect(read.ok && read.document.kind).toBe('probe')
    expect(read.ok && read.document.probe?.tls?.protocol).toMatch(/^TLSv1\.[23]$/)
  })
})

describe('mailwire diff', () => {
  let plain: string
  let starttls: string
  let starttlsAgain: string

  beforeAll(async () => {
    plain = files.write('plain.json', (await sendDocument('none')).text)
    starttls = files.write('starttls.json', (await sendDocument('starttls')).text)
    starttlsAgain = files.write('starttls-again.json', (await sendDocument('starttls')).text)
  })

  it('two identical runs: exit 0, only timing, every step aligned and the same', async () => {
    const run = await cli(['diff', starttls, starttlsAgain, '--json'])
    expect(run.code).toBe(0)
    const comparison = JSON.parse(run.stdout) as SessionComparison
    expect(comparison.same).toBe(true)
    expect(comparison.steps.map((step) => step.label)).toEqual([
      'greeting', 'EHLO', 'STARTTLS', 'TLS handshake', 'EHLO (inside TLS)', 'MAIL FROM', 'RCPT TO:<bob@rcpt.test>',
      'RCPT TO:<carl@rcpt.test>', 'DATA', 'final reply', 'QUIT',
    ])
    expect(comparison.steps.every((step) => !step.differs && step.changes.length === 0)).toBe(true)
    expect(comparison.steps.every((step) => step.deltaMs !== undefined)).toBe(true)
    const text = await cli(['diff', starttls, starttlsAgain])
    expect(text.stdout).toContain('Same outcome and the same replies: only the timing differs.')
  })

  it('plain against STARTTLS: exit 1, the TLS steps only in B, the capabilities in force changed', async () => {
    const run = await cli(['diff', plain, starttls, '--json'])
    expect(run.code).toBe(1)
    const comparison = JSON.parse(run.stdout) as SessionComparison
    expect(comparison.same).toBe(false)
    const onlyB = comparison.steps.filter((step) => !step.a).map((step) => step.label)
    expect(onlyB).toEqual(['STARTTLS', 'TLS handshake', 'EHLO (inside TLS)'])
    expect(comparison.capabilitiesInForce).toContainEqual({ field: 'capability', a: 'STARTTLS' })
    expect(comparison.steps.filter((step) => step.a && step.b).every((step) => !step.differs)).toBe(true)
    const text = await cli(['diff', plain, starttls])
    expect(text.code).toBe(1)
    expect(text.stdout).toMatch(/^\+ TLS handshake/m)
    expect(text.stdout).toContain('capability removed: STARTTLS')
    expect(text.stdout).toMatch(/^Different: the capabilities in force differ/m)
  })

  it('exit 2 with one line on stderr for a missing, foreign, older or newer file', async () => {
    const foreign = files.write('foreign.json', '{"hello": "world"}')
    const older = files.write('older.json', JSON.stringify({ transcript: [], result: { status: 'sent' } }))
    const newer = files.write('newer.json', JSON.stringify({ format: 'mailwire-session/2' }))
    const notJson = files.write('notes.txt', 'EHLO me\n')
    const cases: Array<[string, RegExp]> = [
      [files.write('x', '') + '-missing', /cannot read .*ENOENT/],
      [foreign, /not a Mailwire session file \(no "format": "mailwire-session\/1"\)/],
      [older, /no "format": an export from before mailwire-session\/1/],
      [newer, /mailwire-session\/2 file, from a newer Mailwire/],
      [notJson, /not JSON/],
    ]
    for (const [path, reason] of cases) {
      const run = await cli(['diff', starttls, path])
      expect(run.code, path).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(reason)
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
    }
    expect((await cli(['diff', starttls])).code).toBe(2)
  })
})
