// Copy as command, through the real IPC handler: main writes the Send view's message and
// server as a mailwire, swaks or curl command (and the connection as openssl s_client),
// with the password and the profile's CA only as environment references. Each command is
// then run for real by a shell against an in-process SMTP server (STARTTLS with the test
// CA, AUTH): the message arrives, and the password never appeared in what crossed IPC.
import { execFile } from 'node:child_process'
import { chmodSync } from 'node:fs'
import { dirname } from 'node:path'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ComposeModel, Profile, SendCommand } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { BUILT_CLI, ensureBuiltCli } from '../cli/support/built-cli'
import { tempFiles, type TempFiles } from '../cli/support/temp-files'
import { appUnderTest, type AppUnderTest } from './support/app-under-test'
import { ACCOUNT, startSmtpServer, type TestSmtpServer } from './support/smtp-server'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()
let server: TestSmtpServer
let app: AppUnderTest
let profile: Profile
let files: TempFiles
let caFile = ''
let binDir = ''

beforeAll(async () => {
  ensureBuiltCli()
  server = await startSmtpServer()
  files = tempFiles()
  caFile = files.write('ca.pem', server.caPem)
  // `mailwire` on PATH: the built CLI, as an installed one would be.
  const shim = files.write('mailwire', `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BUILT_CLI)} "$@"\n`)
  chmodSync(shim, 0o755)
  binDir = dirname(shim)
  app = await appUnderTest({ dataDir: await tempDir() })
  profile = await app.saveProfile({
    name: 'In-process',
    host: '127.0.0.1',
    port: server.port,
    security: 'starttls',
    username: ACCOUNT.user,
    clientName: 'copied.mailwire.test',
    allowInvalidCertificate: false,
    allowPlaintextAuth: false,
    caPem: server.caPem,
    password: ACCOUNT.password,
  })
})
afterAll(async () => {
  await server.stop()
  files.remove()
})

const compose = (subject: string): ComposeModel => ({
  from: 'Alice <alice@sender.test>',
  to: ['bob@rcpt.test'],
  cc: [],
  bcc: ['hidden@rcpt.test'],
  subject,
  text: "First line\n.a line that starts with a dot\nit's the last line\n",
  attachments: [],
  headers: [{ name: 'X-Copied', value: 'yes' }],
})

function runShell(script: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const options = { env: { PATH: `${binDir}:${process.env['PATH'] ?? '/usr/bin:/bin'}`, ...env }, cwd: binDir, timeout: 60_000 }
    execFile('sh', ['-c', script], options, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

const command = (tool: string, model: ComposeModel) => app.call<SendCommand>(CHANNELS.sessionCommand, { profileId: profile.id, compose: model, tool })

const b64 = (text: string) => Buffer.from(text).toString('base64')

describe('session:command', () => {
  for (const tool of ['mailwire', 'swaks', 'curl'] as const) {
    it(`${tool}: the password and the CA only as references; run by a shell, the message arrives`, async () => {
      const subject = `Copied as a ${tool} command`
      const copied = await command(tool, compose(subject))
      if (!copied.ok) throw new Error(JSON.stringify(copied.error))
      const { text, env } = copied.value
      for (const secret of [ACCOUNT.password, b64(ACCOUNT.password), b64(`\0${ACCOUNT.user}\0${ACCOUNT.password}`)]) expect(text).not.toContain(secret)
      expect(text).not.toContain('BEGIN CERTIFICATE')
      // mailwire reads MAILWIRE_PASSWORD itself; swaks and curl get it from the shell.
      expect(text).toContain(tool === 'mailwire' ? '# MAILWIRE_PASSWORD: the password of alice' : '"$MAILWIRE_PASSWORD"')
      expect(text).toContain('"$MAILWIRE_CA_FILE"')
      expect(env).toEqual(['MAILWIRE_CA_FILE', 'MAILWIRE_PASSWORD'])

      const before = server.messages.length
      const run = await runShell(text, { MAILWIRE_PASSWORD: ACCOUNT.password, MAILWIRE_CA_FILE: caFile })
      expect(run.code, `${run.stderr}\n${run.stdout}`).toBe(0)
      expect(server.messages.length).toBe(before + 1)
      const arrived = await simpleParser(server.messages.at(-1)!)
      expect(arrived.subject).toBe(subject)
      // swaks ends the data with a line of its own: the text up to it is the same.
      expect(arrived.text?.trimEnd()).toBe(compose(subject).text.trimEnd())
      expect(arrived.text).toContain('\n.a line that starts with a dot\n')
      expect(arrived.headers.get('x-copied')).toBe('yes')
      // Bcc travels in the envelope only.
      expect(arrived.headers.get('bcc')).toBeUndefined()
    })
  }

  it('openssl: the connection alone, -starttls smtp, verified against the CA file', async () => {
    const copied = await command('openssl', compose('unused'))
    if (!copied.ok) throw new Error(JSON.stringify(copied.error))
    expect(copied.value.text).toMatch(/^openssl s_client -connect 127\.0\.0\.1:\d+ -starttls smtp -CAfile "\$MAILWIRE_CA_FILE" -verify_return_error -crlf$/m)
    expect(copied.value.env).toEqual(['MAILWIRE_CA_FILE'])
    const run = await runShell(`${copied.value.text.trim()} </dev/null`, { MAILWIRE_CA_FILE: caFile })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('Verify return code: 0 (ok)')
  })

  it('refuses what Send refuses: an unknown tool, a bad address, a file never given', async () => {
    const unknown = await command('telnet', compose('x'))
    expect(unknown).toMatchObject({ ok: false, error: { code: 'EINVALID', field: 'tool' } })
    const badAddress = await command('curl', { ...compose('x'), to: ['not an address'] })
    expect(badAddress).toMatchObject({ ok: false, error: { code: 'EINVALID', field: 'to[0]' } })
    const ungranted = await command('swaks', { ...compose('x'), attachments: [{ path: '/etc/passwd' }] })
    expect(ungranted).toMatchObject({ ok: false, error: { code: 'EINVALID', field: 'attachments[0]' } })
  })
})
