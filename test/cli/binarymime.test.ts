// BINARYMIME (RFC 3030 3) through the built `mailwire`, to a server that offers it with
// CHUNKING (no server in Debian does, so the chunk-reading server of test/support): a
// binary --data-file goes byte for byte, and an attachment goes as its raw bytes instead
// of base64, a third fewer on the wire, declared BODY=BINARYMIME on MAIL FROM.
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBdatServer, type BdatServer } from '../support/bdat-server'
import { ensureBuiltCli, runBuiltCli } from './support/built-cli'
import { tempFiles, type TempFiles } from './support/temp-files'

// NUL, bare CR and LF, dots at line starts, 8-bit octets: what base64 exists to protect.
const BLOB = Buffer.concat([Buffer.from('\0\r.\n.dot\r\n\xff', 'latin1'), Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 13) % 256))])

describe('BINARYMIME from the CLI', () => {
  let server: BdatServer
  let files: TempFiles
  beforeAll(async () => {
    ensureBuiltCli()
    server = await startBdatServer({ binaryMime: true })
    files = tempFiles()
  })
  afterAll(async () => {
    await server?.close()
    files?.remove()
  })

  const send = (...args: string[]) => runBuiltCli(['send', '--server', `127.0.0.1:${server.port}`, '--tls', 'none', '--from', 'cli@mailwire.test', '--to', 'bob@mailwire.test', ...args])

  it('a binary --data-file with --chunking auto: BODY=BINARYMIME, the bytes exactly as in the file', async () => {
    const raw = Buffer.concat([Buffer.from('From: cli@mailwire.test\r\nSubject: raw binary\r\n\r\n'), BLOB])
    const run = await send('--data-file', files.write('binary.eml', raw), '--chunking', 'auto')
    expect(run.stderr).toBe('mailwire: warning: --data-file has no Date header: RFC 5322 §3.6 requires one (some servers add it, others refuse the message)\n')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^.*-> MAIL FROM:<cli@mailwire\.test> BODY=BINARYMIME$/m)
    expect(server.messages.at(-1)).toEqual(raw)
  })

  it('an attachment goes unencoded: smaller than base64, and it decodes to the same bytes', async () => {
    const run = await send('--subject', 'binary attachment', '--body', 'see attached', '--attach', files.write('blob.bin', BLOB), '--chunking', 'auto', '--json')
    expect(run.code).toBe(0)
    const received = server.messages.at(-1)!
    expect(received.includes(BLOB)).toBe(true)
    expect(received.length).toBeLessThan(BLOB.length * 1.1)
    const parsed = await simpleParser(received)
    expect(parsed.attachments[0]?.content).toEqual(BLOB)
    expect(received.toString('latin1')).toMatch(/Content-Transfer-Encoding: binary\r\n/)
    expect(server.commands).toContain('MAIL FROM:<cli@mailwire.test> BODY=BINARYMIME')
  })

  it('without --chunking BINARYMIME cannot apply: MAIL without BODY=BINARYMIME, then DATA', async () => {
    const before = server.commands.length
    const run = await send('--body', 'x', '--attach', files.write('blob2.bin', BLOB))
    // This server takes only BDAT: DATA is refused, which shows the client did not use BDAT.
    expect(run.stdout).toMatch(/-> MAIL FROM:<cli@mailwire\.test>( SIZE=\d+)?$/m)
    expect(server.commands.slice(before)).toContain('DATA')
  })
})
