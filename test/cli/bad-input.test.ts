// Bad input: exit 2, one line of reason, and nothing on the wire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, reasonLines } from './support/capture-io'
import { scriptedServer, type ScriptedServer } from './support/scripted-server'
import { tempFiles } from './support/temp-files'

let server: ScriptedServer
let connections = 0

beforeAll(async () => {
  server = await scriptedServer(async (peer) => {
    connections++
    peer.close()
  })
})
afterAll(() => server.stop())

const base = () => ['send', '--server', `127.0.0.1:${server.port}`, '--from', 'ann@sender.test']

async function refused(argv: string[], reason: RegExp, env: Record<string, string> = {}) {
  const before = connections
  const run = await cli(argv, { env })
  expect(run.code).toBe(2)
  expect(reasonLines(run)).toEqual([expect.stringMatching(reason)])
  expect(run.stdout).toBe('')
  expect(connections).toBe(before)
  return run
}

describe('mailwire: bad input exits 2 before connecting', () => {
  it('CR/LF in --to', async () => {
    await refused([...base(), '--to', 'bob@rcpt.test\r\nRCPT TO:<evil@x.test>', '--body', 'x'], /^mailwire: --to cannot contain CR or LF/)
  })

  it('an invalid address in a pasted list, naming the entry', async () => {
    await refused([...base(), '--to', 'ok@rcpt.test, not an address', '--body', 'x'], /^mailwire: --to 'not an address' /)
  })

  it('a missing --body-file, --data-file, --attach or --ca', async () => {
    await refused([...base(), '--to', 'b@r.test', '--body-file', '/nonexistent/body.txt'], /^mailwire: cannot read --body-file \/nonexistent\/body\.txt: no such file$/)
    await refused([...base(), '--to', 'b@r.test', '--data-file', '/nonexistent/m.eml'], /^mailwire: cannot read --data-file .*no such file$/)
    await refused([...base(), '--to', 'b@r.test', '--attach', '/nonexistent/a.pdf'], /^mailwire: cannot read --attach .*no such file$/)
    await refused([...base(), '--to', 'b@r.test', '--ca', '/nonexistent/ca.pem'], /^mailwire: cannot read --ca .*no such file$/)
  })

  it('a --data-file that is empty, or binary (a NUL, not UTF-8) without BDAT', async () => {
    const files = tempFiles()
    try {
      const data = (name: string, content: string | Buffer) => [...base(), '--to', 'b@r.test', '--data-file', files.write(name, content)]
      await refused(data('empty.eml', ' \r\n'), /^mailwire: --data-file \S+empty\.eml is empty$/)
      await refused(data('nul.eml', 'Subject: x\r\n\r\na\u0000b\r\n'), /^mailwire: --data-file \S+nul\.eml contains a NUL character \(U\+0000\): a binary message goes only as it is, in BDAT chunks with BODY=BINARYMIME to a server that offers BINARYMIME \(RFC 3030\) \(--chunking auto\)$/)
      await refused(data('latin1.eml', Buffer.from('Subject: caf\xe9\r\n\r\nx\r\n', 'latin1')), /^mailwire: --data-file \S+latin1\.eml is not UTF-8 text: a binary message goes only as it is, .* \(--chunking auto\)$/)
    } finally {
      files.remove()
    }
  })

  it('--password, saying why', async () => {
    await refused([...base(), '--to', 'b@r.test', '--password', 'hunter2'], /^mailwire: --password is refused: a password on the command line ends up in shell history/)
  })

  it('an unknown flag', async () => {
    await refused([...base(), '--to', 'b@r.test', '--frobnicate'], /^mailwire: unknown option --frobnicate/)
  })

  it('a header with a line break in it', async () => {
    await refused([...base(), '--to', 'b@r.test', '--header', 'X-A: 1\nBcc: evil@x.test'], /^mailwire: --header cannot contain CR or LF/)
  })

  it('with --json: one JSON object saying why on stdout, and the reason on stderr', async () => {
    const run = await cli([...base(), '--to', 'b@r.test\nx', '--json'])
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout)).toEqual({ error: { code: 'EINPUT', message: expect.stringMatching(/^--to cannot contain CR or LF/) } })
    expect(reasonLines(run)).toHaveLength(1)
  })
})

describe('mailwire: help and version', () => {
  it('documents the contract in --help', async () => {
    const run = await cli(['--help'])
    expect(run.code).toBe(0)
    for (const text of ['mailwire send --server HOST[:PORT]', 'mailwire probe HOST[:PORT]', 'MAILWIRE_PASSWORD', '--quit-after', 'Exit codes:', '"transcript"', 'SendResult']) {
      expect(run.stdout).toContain(text)
    }
  })

  it('answers send --help and --version', async () => {
    expect((await cli(['send', '--help'])).stdout).toContain('--data-file PATH')
    expect((await cli(['--version'])).stdout).toMatch(/^mailwire \d+\.\d+\.\d+\n$/)
  })
})
