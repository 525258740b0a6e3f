// The built `mailwire` against the real Postfix on loopback: the transcript reads like a
// clean telnet session, the mail arrives, and the exit codes hold.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ProbeResult, WireEvent } from '../../main/smtp/types'
import { describeWithPostfix } from '../support/postfix-suite'
import { uniqueMailbox, waitForMail } from '../support/postfix'
import { ensureBuiltCli, runBuiltCli } from './support/built-cli'
import { tempFiles, type TempFiles } from './support/temp-files'

/** Index of the first line at or after `from` matching `pattern`; -1 when there is none. */
function indexFrom(lines: string[], pattern: RegExp, from: number): number {
  for (let i = from; i < lines.length; i++) if (pattern.test(lines[i] ?? '')) return i
  return -1
}

/** The patterns appear in this order in the transcript (other lines may come between). */
function expectInOrder(transcript: string, patterns: RegExp[]): void {
  const lines = transcript.split('\n')
  let at = 0
  for (const pattern of patterns) {
    const found = indexFrom(lines, pattern, at)
    expect(found, `${pattern} after line ${at} in:\n${transcript}`).toBeGreaterThanOrEqual(0)
    at = found + 1
  }
}

describeWithPostfix('the mailwire command against Postfix', (postfix) => {
  const server = `${postfix.host}:${postfix.port}`
  let caPath = ''
  let files: TempFiles | undefined

  beforeAll(() => {
    ensureBuiltCli()
    files = tempFiles()
    caPath = files.write('postfix-ca.pem', postfix.caPem)
  })
  afterAll(() => files?.remove())

  it('reads like a clean telnet session, delivers to both mailboxes, exits 0', async () => {
    const [first, second] = [uniqueMailbox('cli-one'), uniqueMailbox('cli-two')]
    const run = await runBuiltCli([
      'send', '--server', server, '--tls', 'none', '--from', 'Mailwire CLI <cli@mailwire.test>',
      '--to', `${first}, ${second}`, '--subject', 'Hello from the CLI', '--body', 'Line one\nLine two',
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expectInOrder(run.stdout, [
      / <- 220 postfix\.mailwire\.test ESMTP/,
      / -> EHLO \S+$/,
      / <- 250-postfix\.mailwire\.test$/,
      / <- 250 .*\(Requested mail action okay/,
      / -> MAIL FROM:<cli@mailwire\.test>/,
      / -> RCPT TO:<cli-one-/,
      / -> RCPT TO:<cli-two-/,
      / -> DATA$/,
      / <- 354 /,
      / -> Subject: Hello from the CLI$/,
      / -> Line two$/,
      / -> \.$/,
      / <- 250 2\.0\.0 Ok: queued as \w+/,
      / -> QUIT$/,
      / <- 221 /,
      /^Sent: all 2 recipients were accepted, queued as \w+/,
    ])
    // Each line carries the time since the start.
    expect(run.stdout).toMatch(/^ +\d+\.\dms <- 220 /m)
    expect(run.stdout).not.toMatch(/ (~>|<~) /)
    const [mailOne, mailTwo] = await Promise.all([waitForMail(first), waitForMail(second)])
    expect(mailOne[0]).toContain('Subject: Hello from the CLI')
    expect(mailTwo[0]).toContain('Line two')
  })

  it('--json parses and matches what happened', async () => {
    const to = uniqueMailbox('cli-json')
    const run = await runBuiltCli(['send', '--server', server, '--from', 'cli@mailwire.test', '--to', to, '--body', 'json', '--ca', caPath, '--json'])
    expect(run.code).toBe(0)
    const parsed = JSON.parse(run.stdout) as {
      transcript: Array<{ kind: string; text: string; secure: boolean }>
      result: { status: string; queueId?: string; recipients: Array<{ address: string; accepted: boolean }>; tls?: { authorized: boolean } }
    }
    expect(parsed.result.status).toBe('sent')
    expect(parsed.result.recipients).toEqual([expect.objectContaining({ address: to, accepted: true })])
    expect(parsed.result.queueId).toMatch(/^\w+$/)
    expect(parsed.result.tls?.authorized).toBe(true)
    expect(parsed.transcript.some((event) => event.kind === 'server' && /queued as/.test(event.text))).toBe(true)
    const mail = await waitForMail(to)
    expect(mail[0]).toContain(`To: ${to}`)
  })

  it('STARTTLS with --ca: ~> and <~ after the TLS boundary, certificate verified', async () => {
    const to = uniqueMailbox('cli-tls')
    const run = await runBuiltCli(['send', '--server', server, '--tls', 'starttls', '--ca', caPath, '--from', 'cli@mailwire.test', '--to', to, '--body', 'tls'])
    expect(run.code).toBe(0)
    const lines = run.stdout.split('\n')
    const boundary = indexFrom(lines, / == .*TLS/, 0)
    expect(boundary).toBeGreaterThan(0)
    expect(lines.slice(0, boundary).join('\n')).toMatch(/ -> STARTTLS$/m)
    expect(lines.slice(0, boundary).join('\n')).not.toMatch(/ (~>|<~) /)
    expectInOrder(lines.slice(boundary).join('\n'), [/ ~> EHLO /, / <~ 250/, / ~> MAIL FROM:/, / <~ 250 2\.0\.0 Ok: queued/, / ~> QUIT$/])
    expect(run.stdout).toMatch(/^TLS: TLSv1\.[23], \S+, certificate verified/m)
    await waitForMail(to)
  })

  it('implicit TLS on the smtps port: every line inside TLS', async () => {
    const to = uniqueMailbox('cli-smtps')
    const run = await runBuiltCli([
      'send', '--server', `${postfix.host}:${postfix.implicitTlsPort}`, '--tls', 'implicit', '--ca', caPath,
      '--from', 'cli@mailwire.test', '--to', to, '--body', 'smtps',
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/ <~ 220 postfix\.mailwire\.test/)
    expect(run.stdout).not.toMatch(/ (->|<-) /)
    await waitForMail(to)
  })

  it('a refused recipient gives exit 1 and the reason; the other recipient still gets the mail', async () => {
    const good = uniqueMailbox('cli-good')
    const rejected = uniqueMailbox('reject-cli')
    const run = await runBuiltCli(['send', '--server', server, '--tls', 'none', '--from', 'cli@mailwire.test', '--to', good, '--to', rejected, '--body', 'x'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(new RegExp(`^mailwire: the server refused 1 of 2 recipients \\(${rejected.replace(/[.+]/g, '\\$&')}: 550 5\\.1\\.1 `))
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(run.stdout).toMatch(/ <- 550 5\.1\.1 .*Recipient refused by test policy/)
    await waitForMail(good)
  })

  it('a deferred-only recipient gives exit 1 and no message', async () => {
    const deferred = uniqueMailbox('defer-cli')
    const run = await runBuiltCli(['send', '--server', server, '--tls', 'none', '--from', 'cli@mailwire.test', '--to', deferred, '--body', 'x'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^mailwire: the server refused every recipient .*450 4\.2\.1/)
    // No message: the pipelined DATA got no 354, no message line went out, and nothing
    // reached the mailbox or stayed in Postfix's queue.
    expect(run.stdout).toMatch(/ <- 450 4\.2\.1 /)
    expect(run.stdout).toMatch(/ <- 554 5\.5\.1 Error: no valid recipients/)
    expect(run.stdout).not.toMatch(/ <- 354 /)
    expect(run.stdout).not.toMatch(/ -> \.$/m)
    expect(run.stdout).toMatch(/ == the server refused the recipient; no message was sent$/m)
    expect(await waitForMail(deferred, 0)).toEqual([])
  })

  it('probe shows the capabilities before and after STARTTLS and the certificate', async () => {
    const run = await runBuiltCli(['probe', server, '--ca', caPath])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/ -> STARTTLS$/m)
    expect(run.stdout).toMatch(/before TLS +after TLS/i)
    expect(run.stdout).toMatch(/STARTTLS .*disappeared|STARTTLS +-/i)
    expect(run.stdout).toContain('postfix.mailwire.test')
    expect(run.stdout).toMatch(/sha256: +([0-9A-F]{2}:){31}[0-9A-F]{2}/)
    expect(run.stdout).toMatch(/days left/)
    expect(run.stdout).toMatch(/certificate verified/)
  })

  it('probe --json gives the transcript and the probe result', async () => {
    const run = await runBuiltCli(['probe', server, '--ca', caPath, '--json'])
    expect(run.code).toBe(0)
    const parsed = JSON.parse(run.stdout) as { transcript: WireEvent[]; probe: ProbeResult }
    expect(Object.keys(parsed)).toEqual(['format', 'kind', 'writtenBy', 'startedAt', 'profile', 'transcript', 'probe'])
    const { transcript, probe } = parsed
    // The transcript: numbered events, the greeting, STARTTLS, and EHLO again inside TLS.
    expect(transcript.map((event) => event.seq)).toEqual(transcript.map((_, index) => index))
    expect(transcript.find((event) => event.kind === 'server')?.text).toMatch(/^220 postfix\.mailwire\.test ESMTP/)
    const starttls = transcript.findIndex((event) => event.kind === 'client' && event.text === 'STARTTLS')
    expect(starttls).toBeGreaterThan(0)
    expect(transcript.slice(starttls + 1).some((event) => event.kind === 'client' && event.secure && /^EHLO /.test(event.text))).toBe(true)
    // The probe: the same server, its capabilities on each side of TLS, and the certificate.
    expect(probe).toMatchObject({ host: postfix.host, port: postfix.port, greeting: { code: 220 } })
    expect(probe.error).toBeUndefined()
    expect(probe.capabilitiesBeforeTls).toMatchObject({ startTls: true, pipelining: true })
    expect(probe.capabilities).toMatchObject({ startTls: false, pipelining: true })
    expect(probe.capabilities?.raw.length).toBeGreaterThan(0)
    expect(probe.tls).toMatchObject({ mode: 'starttls', authorized: true, protocol: expect.stringMatching(/^TLSv1\.[23]$/) })
    expect(probe.tls?.certificates[0]).toMatchObject({
      issuer: 'CN=Mailwire Test CA',
      altNames: expect.arrayContaining(['DNS:localhost', 'IP Address:127.0.0.1']),
      fingerprint256: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
    })
    expect(probe.timings.map((timing) => timing.phase)).toEqual(expect.arrayContaining(['greeting', 'ehlo', 'starttls']))
  })
})
