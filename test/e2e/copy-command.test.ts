// Copy as command in the Send view, end to end: the real preload, IPC handler and services
// write the form and the server as a command; the page shows (and copies) it. The server
// has a login, so the command must name the password, and only as "$MAILWIRE_PASSWORD":
// neither the shown text nor anything that crossed IPC holds its value. The copied curl
// command then runs in a shell and the message arrives at the server.
import { execFile } from 'node:child_process'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { simpleParser } from 'mailparser'
import { ACCOUNT, startSmtpServer, type TestSmtpServer } from '../services/support/smtp-server'
import { tempFiles, type TempFiles } from '../cli/support/temp-files'
import { startApp, type RunningApp } from './support/harness'

let app: RunningApp | undefined
let server: TestSmtpServer
let files: TempFiles

beforeAll(async () => {
  server = await startSmtpServer()
  files = tempFiles()
})
afterAll(async () => {
  await server.stop()
  files.remove()
})
afterEach(async () => {
  await app?.close()
  app = undefined
})

function runShell(script: string, env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', script], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env }, timeout: 60_000 }, (error, _stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stderr })
    })
  })
}

const SECRET_FORMS = [ACCOUNT.password, Buffer.from(ACCOUNT.password).toString('base64')]

describe('Copy as command', () => {
  it('shows each tool’s command with the password as a reference only; the curl one delivers', async () => {
    app = await startApp({
      profiles: [
        {
          name: 'Relay with login',
          host: '127.0.0.1',
          port: server.port,
          security: 'starttls',
          username: ACCOUNT.user,
          clientName: 'copied.mailwire.test',
          allowInvalidCertificate: false,
          allowPlaintextAuth: false,
          caPem: server.caPem,
          password: ACCOUNT.password,
        },
      ],
    })
    const { page } = app
    await page.getByTestId('from-input').fill('Alice <alice@sender.test>')
    await page.getByTestId('to-input').fill('bob@rcpt.test,')
    await page.getByTestId('subject-input').fill('Copied from the Send view')
    await page.getByTestId('body-input').fill('Hello from a copied command.\n')

    const shown = page.getByTestId('copied-command')
    for (const [tool, expected] of [
      ['mailwire', /^mailwire send --server 127\.0\.0\.1:\d+ --tls starttls --ca "\$MAILWIRE_CA_FILE" .*--user alice /m],
      ['swaks', /^swaks --server 127\.0\.0\.1 .*--auth-password "\$MAILWIRE_PASSWORD" --data - <<'MAILWIRE_MESSAGE'$/m],
      ['curl', /^curl .*--user alice:"\$MAILWIRE_PASSWORD" --crlf --upload-file - <<'MAILWIRE_MESSAGE'$/m],
      ['openssl', /^openssl s_client -connect 127\.0\.0\.1:\d+ -starttls smtp -CAfile "\$MAILWIRE_CA_FILE" -verify_return_error -crlf$/m],
    ] as const) {
      await page.getByTestId('command-tool').selectOption(tool)
      await page.getByTestId('copy-command').click()
      await shown.filter({ hasText: tool === 'openssl' ? 'openssl s_client' : `${tool} ` }).waitFor()
      const text = (await shown.textContent()) ?? ''
      expect(text).toMatch(expected)
      for (const secret of SECRET_FORMS) expect(text).not.toContain(secret)
      if (tool === 'curl') {
        await app.screenshot('copy-as-command')
        const before = server.messages.length
        const run = await runShell(text, { MAILWIRE_PASSWORD: ACCOUNT.password, MAILWIRE_CA_FILE: files.write('ca.pem', server.caPem) })
        expect(run.code, run.stderr).toBe(0)
        expect(server.messages.length).toBe(before + 1)
        expect((await simpleParser(server.messages.at(-1)!)).subject).toBe('Copied from the Send view')
      }
    }
    // Nothing that crossed IPC, either way, held the password.
    const crossed = JSON.stringify(app.invocations.map(({ payload, result }) => ({ payload, result })))
    expect(crossed).toContain('$MAILWIRE_PASSWORD')
    for (const secret of SECRET_FORMS) expect(crossed).not.toContain(secret)
    // Nothing was sent by Mailwire itself: no session ran.
    expect(app.invocations.some((call) => call.channel === 'session:start')).toBe(false)
  })
})
