// --print-command swaks and curl, run for real: the printed script goes to a shell, the
// tool sends through Postfix over STARTTLS (verified against the test CA), and what lands
// in the mailboxes is the message Mailwire composed, with the envelope it would have used.
import { execFile } from 'node:child_process'
import { simpleParser, type ParsedMail } from 'mailparser'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeWithPostfix } from '../support/postfix-suite'
import { uniqueMailbox, waitForMail } from '../support/postfix'
import { cli } from './support/capture-io'
import { tempFiles, type TempFiles } from './support/temp-files'

function runShell(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', script], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

/** The message inside the printed here-document. */
function printedMessage(script: string): string {
  const match = /<<'(MAILWIRE_MESSAGE\w*)'\n([\s\S]*?)\n\1\n/.exec(script)
  if (!match) throw new Error(`no here-document in:\n${script}`)
  return match[2]!
}

describeWithPostfix('--print-command swaks and curl through Postfix', (postfix) => {
  let files: TempFiles
  let caPath: string

  beforeAll(() => {
    files = tempFiles()
    caPath = files.write('postfix-ca.pem', postfix.caPem)
  })
  afterAll(() => files.remove())

  for (const tool of ['swaks', 'curl'] as const) {
    it(`${tool}: the same envelope and the same headers and body arrive`, async () => {
      const to = uniqueMailbox(`print-${tool}-to`)
      const bcc = uniqueMailbox(`print-${tool}-bcc`)
      const attachment = files.write(`${tool}-notes.txt`, 'attached text\n')
      const printed = await cli([
        'send', '--server', `${postfix.host}:${postfix.port}`, '--tls', 'starttls', '--ca', caPath, '--helo', 'printer.mailwire.test',
        '--from', 'Printer <printer@mailwire.test>', '--envelope-from', 'bounces@mailwire.test', '--to', to, '--bcc', bcc,
        '--subject', `Grüße from ${tool}`, '--body', "First line\n.a line that starts with a dot\nit's the last line",
        '--header', 'X-Printed: yes', '--attach', attachment, '--print-command', tool,
      ])
      expect(printed.stderr).toBe('')
      expect(printed.code).toBe(0)
      expect(printed.stdout).toMatch(/^# openssl s_client -connect 127\.0\.0\.1:\d+ -starttls smtp /m)
      const sent = await simpleParser(printedMessage(printed.stdout))

      const run = await runShell(printed.stdout)
      expect(run.stderr, run.stdout).toBe('')
      expect(run.code).toBe(0)

      for (const mailbox of [to, bcc]) {
        const [raw] = await waitForMail(mailbox)
        const arrived: ParsedMail = await simpleParser(raw!)
        // The envelope: MAIL FROM became Return-Path, each RCPT a Delivered-To.
        expect(arrived.headers.get('return-path')).toMatchObject({ text: 'bounces@mailwire.test' })
        expect(arrived.headers.get('delivered-to')).toMatchObject({ text: mailbox })
        // Received shows the EHLO name and that it came over TLS.
        expect(String(arrived.headers.get('received'))).toMatch(/from printer\.mailwire\.test .*\n?.*with ESMTPS/)
        for (const [name, value] of sent.headers) expect(arrived.headers.get(name), name).toEqual(value)
        expect(arrived.text).toBe(sent.text)
        expect(arrived.text).toContain('\n.a line that starts with a dot\n')
        expect(arrived.subject).toBe(`Grüße from ${tool}`)
        expect(arrived.attachments.map((file) => [file.filename, file.content.toString()])).toEqual([[`${tool}-notes.txt`, 'attached text\n']])
      }
    })
  }

  it('openssl: prints the connection alone, and it verifies Postfix over STARTTLS', async () => {
    const printed = await cli(['send', '--server', `${postfix.host}:${postfix.port}`, '--tls', 'starttls', '--ca', caPath, '--from', 'a@mailwire.test', '--to', 'b@mailwire.test', '--print-command', 'openssl'])
    expect(printed.stderr).toBe('')
    expect(printed.code).toBe(0)
    // One line, not commented out: the command itself.
    expect(printed.stdout).toMatch(/^openssl s_client -connect 127\.0\.0\.1:\d+ -starttls smtp -CAfile \S+ -verify_return_error -crlf\n$/)
    // Input ends at once: openssl does the STARTTLS exchange and the handshake, then leaves.
    const run = await runShell(`${printed.stdout.trim()} </dev/null`)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('Verify return code: 0 (ok)')
  })

  it('prints the login as a reference to $MAILWIRE_PASSWORD, never its value, and sends nothing', async () => {
    for (const tool of ['mailwire', 'swaks', 'curl'] as const) {
      const run = await cli(
        ['send', '--server', `${postfix.host}:${postfix.port}`, '--tls', 'starttls', '--user', 'ann', '--from', 'a@mailwire.test', '--to', 'b@mailwire.test', '--print-command', tool],
        { env: { MAILWIRE_PASSWORD: 's3cret-value' } },
      )
      expect(run.code).toBe(0)
      expect(run.stdout).not.toContain('s3cret-value')
      expect(run.stdout).toContain('$MAILWIRE_PASSWORD')
      expect(run.stdout).not.toMatch(/^\d+\.\dms /m)
    }
  })
})
