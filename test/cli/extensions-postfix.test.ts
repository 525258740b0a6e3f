// Issue 14 against the real Postfix, through the built `mailwire` as a user runs it: BDAT
// delivers byte-exact (Postfix offers CHUNKING), DSN parameters are honoured (the success
// notice comes back with ENVID and ORCPT), the null sender and envelope recipients apart
// from the headers are delivered, REQUIRETLS (which Postfix does not offer) is refused
// before MAIL, and the stops end where asked.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeWithPostfix } from '../support/postfix-suite'
import { uniqueMailbox, waitForMail } from '../support/postfix'
import { ensureBuiltCli, runBuiltCli } from './support/built-cli'
import { tempFiles, type TempFiles } from './support/temp-files'

/** A message of about `bytes`, most of its lines starting with dots (DATA would double them). */
function dottedMessage(from: string, to: string, bytes: number): string {
  const head = `From: ${from}\r\nTo: ${to}\r\nSubject: BDAT byte-exact\r\nDate: ${new Date().toUTCString()}\r\nMessage-ID: <bdat-${Date.now()}@mailwire.test>\r\n\r\n`
  const lines: string[] = []
  let size = head.length
  for (let n = 0; size < bytes; n++) {
    const line = n % 3 === 0 ? `.line ${n} starts with a dot` : n % 3 === 1 ? `..${n} two dots` : `line ${n} ${'x'.repeat(60)}`
    lines.push(line)
    size += line.length + 2
  }
  lines.push('.', 'end')
  return `${head}${lines.join('\r\n')}\r\n`
}

describeWithPostfix('issue 14 flags against Postfix', (postfix) => {
  const server = `${postfix.host}:${postfix.port}`
  let files: TempFiles | undefined
  let caPath = ''

  beforeAll(() => {
    ensureBuiltCli()
    files = tempFiles()
    caPath = files.write('postfix-ca.pem', postfix.caPem)
  })
  afterAll(() => files?.remove())

  it('--chunking auto: a 5 MB message of dotted lines goes as BDAT chunks and arrives byte-exact', async () => {
    const to = uniqueMailbox('bdat-big')
    const message = dottedMessage('cli@mailwire.test', to, 5 * 1024 * 1024)
    const path = files!.write('big.eml', message)
    const run = await runBuiltCli(['send', '--server', server, '--tls', 'none', '--from', 'cli@mailwire.test', '--to', to, '--data-file', path, '--chunking', 'auto'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/<- 250[ -]CHUNKING\b/)
    expect(run.stdout).toMatch(/-> BDAT 65536$/m)
    expect(run.stdout).toMatch(/-> BDAT \d+ LAST$/m)
    expect(run.stdout).not.toMatch(/-> DATA$/m)
    const [arrived] = await waitForMail(to, 1, 30_000)
    // The Maildir keeps LF line ends, below the headers Postfix adds on top.
    const sent = message.replace(/\r\n/g, '\n')
    expect(arrived!.length).toBeGreaterThan(sent.length)
    expect(arrived!.endsWith(sent)).toBe(true)
  })

  it('--chunking force with a small chunk size: every line with a dot arrives as written', async () => {
    const to = uniqueMailbox('bdat-small')
    const run = await runBuiltCli([
      'send', '--server', server, '--tls', 'none', '--from', 'cli@mailwire.test', '--to', to,
      '--subject', 'dots', '--body', '.one\n..two\n.\nlast', '--chunking', 'force', '--chunk-size', '40',
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/-> BDAT 40$/m)
    const [arrived] = await waitForMail(to)
    expect(arrived).toMatch(/\n\.one\n\.\.two\n\.\nlast\n$/)
  })

  it('BINARYMIME, which Postfix does not offer: a binary --data-file is refused before MAIL (exit 2), an attachment goes base64', async () => {
    const binary = files!.write('binary.eml', Buffer.from('From: cli@mailwire.test\r\nSubject: binary\r\n\r\na\0b\r\n'))
    const refused = await runBuiltCli(['send', '--server', server, '--tls', 'none', '--from', 'cli@mailwire.test', '--to', uniqueMailbox('binary'), '--data-file', binary, '--chunking', 'auto'])
    expect(refused.code).toBe(2)
    expect(refused.stdout).toMatch(/<- 250[ -]CHUNKING\b/)
    expect(refused.stdout).not.toMatch(/MAIL FROM/)
    expect(refused.stderr).toMatch(/binary\.eml contains a NUL character \(U\+0000\): a binary message goes only as it is, in BDAT chunks with BODY=BINARYMIME/)
    const to = uniqueMailbox('binary-attach')
    const blob = files!.write('blob.bin', Buffer.from([0, 13, 10, 46, 255, 1, 2, 3]))
    const sent = await runBuiltCli(['send', '--server', server, '--tls', 'none', '--from', 'cli@mailwire.test', '--to', to, '--body', 'blob', '--attach', blob, '--chunking', 'auto'])
    expect(sent.code).toBe(0)
    expect(sent.stdout).not.toMatch(/BODY=BINARYMIME/)
    const [arrived] = await waitForMail(to)
    expect(arrived).toMatch(/Content-Transfer-Encoding: base64\n/)
    expect(arrived).toMatch(/^AA0KLv8BAgM=$/m)
  })

  it('DSN: NOTIFY, RET, ENVID and ORCPT are accepted, and the success notice quotes them', async () => {
    const sender = uniqueMailbox('dsn-sender')
    const to = uniqueMailbox('dsn-rcpt')
    const envid = `run-${Date.now()}`
    const run = await runBuiltCli([
      'send', '--server', server, '--tls', 'none', '--from', sender, '--to', to, '--subject', 'dsn', '--body', 'dsn',
      '--dsn-notify', 'SUCCESS,FAILURE', '--dsn-ret', 'HDRS', '--dsn-envid', envid, '--dsn-orcpt',
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`-> MAIL FROM:<${sender}> SIZE=\\d+ RET=HDRS ENVID=${envid}$`, 'm'))
    expect(run.stdout).toMatch(new RegExp(`-> RCPT TO:<${to}> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;${to}$`, 'm'))
    await waitForMail(to)
    // RFC 3464: Postfix reports the delivery to the sender, with the envelope id and original recipient.
    const [notice] = await waitForMail(sender)
    expect(notice).toMatch(new RegExp(`Original-Envelope-Id: ${envid}`))
    expect(notice).toMatch(new RegExp(`Original-Recipient: rfc822;\\s*${to}`, 'i'))
    expect(notice).toMatch(/Action: delivered/)
  })

  it("--envelope-from '<>' and --envelope-to: a bounce-like message reaches the envelope recipient only", async () => {
    const shown = uniqueMailbox('hdr-only')
    const actual = uniqueMailbox('env-rcpt')
    const run = await runBuiltCli([
      'send', '--server', server, '--tls', 'none', '--from', 'cli@mailwire.test', '--to', shown,
      '--envelope-from', '<>', '--envelope-to', actual, '--subject', 'null sender', '--body', 'bounce',
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/-> MAIL FROM:<> SIZE=\d+$/m)
    expect(run.stdout).toMatch(new RegExp(`-> RCPT TO:<${actual}>$`, 'm'))
    expect(run.stdout).not.toMatch(new RegExp(`RCPT TO:<${shown}>`))
    const [arrived] = await waitForMail(actual)
    expect(arrived).toMatch(/^Return-Path: <>$/m)
    expect(arrived).toContain(`To: ${shown}`)
  })

  it('--require-tls: refused before MAIL, since Postfix does not offer REQUIRETLS; exit 2', async () => {
    const run = await runBuiltCli([
      'send', '--server', server, '--tls', 'starttls', '--ca', caPath, '--from', 'cli@mailwire.test', '--to', uniqueMailbox('rtls'),
      '--body', 'x', '--require-tls',
    ])
    expect(run.code).toBe(2)
    expect(run.stdout).not.toMatch(/MAIL FROM/)
    expect(run.stderr).toMatch(/does not offer REQUIRETLS/)
  })

  it('--quit-after data: the 354, then a close without QUIT, and nothing is delivered; --drop-after rcpt hangs up', async () => {
    const to = uniqueMailbox('quit-data')
    const quit = await runBuiltCli(['send', '--server', server, '--tls', 'none', '--from', 'cli@mailwire.test', '--to', to, '--body', 'x', '--quit-after', 'data'])
    expect(quit.code).toBe(0)
    expect(quit.stdout).toMatch(/<- 354 /)
    expect(quit.stdout).not.toMatch(/-> QUIT/)
    const drop = await runBuiltCli(['send', '--server', server, '--tls', 'none', '--from', 'cli@mailwire.test', '--to', to, '--body', 'x', '--drop-after', 'rcpt', '--pipelining', 'off'])
    expect(drop.code).toBe(0)
    expect(drop.stdout).toMatch(/-> RCPT TO:/)
    expect(drop.stdout).toMatch(/hanging up after rcpt without QUIT/)
    expect(drop.stdout).not.toMatch(/-> (DATA|QUIT)/)
    await expect(waitForMail(to, 1, 2_000)).rejects.toThrow(/0 of 1 message/)
  })
})
