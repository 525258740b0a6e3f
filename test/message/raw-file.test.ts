// Raw mode from a file: one streaming pass finds what inspectRawMessage finds in a typed
// message (compared on the same texts, split across the pass's chunk boundaries), the
// problems that stop a send, and the send streams the file, refusing one that changed.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { inspectRawFile, inspectRawMessage, rawFileMessageFactory } from '../../main/message/index'
import { RAW_HEADER_SCAN_BYTES } from '../../main/message/raw-file'
import { caps, readSource } from './helpers'

const dir = mkdtempSync(join(tmpdir(), 'mailwire-raw-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0
const file = (content: string | Buffer) => {
  const path = join(dir, `m${files++}.eml`)
  writeFileSync(path, content)
  return path
}

/** The inspection pass reads 1 MiB at a time. */
const MIB = 1024 * 1024
const COMPLETE = 'From: Me <me@mailwire.test>\nDate: Mon, 1 Jan 2024 00:00:00 +0000\nSubject: hand made\n\n'

describe('inspectRawFile', () => {
  it.each([
    ['a complete message', `${COMPLETE}body\n`],
    ['no From, no Date', 'Subject: x\r\n\r\nbody'],
    ['a body without a blank line', 'Subject: x\nHello, this is the body\nFrom: a@mailwire.test\n'],
    ['Bcc, a long line and 8-bit text', `${COMPLETE.replace('\n\n', '\nBcc: x@mailwire.test\n\n')}${'x'.repeat(999)}\nü\n`],
    ['UTF-8 in the headers', 'Subject: héllo\r\rbody\r'],
    ['a line of exactly 998 octets', `${COMPLETE}${'y'.repeat(998)}\r\n`],
    ['a long line ended by a lone CR', `${COMPLETE}${'z'.repeat(1200)}\rnext`],
    ['folded and odd header fields', 'FROM : a@mailwire.test\nSubject: one\n  two\ndate:Mon, 1 Jan 2024 00:00:00 +0000\n\nbody'],
  ])('finds what inspectRawMessage finds: %s', async (_name, text) => {
    const inspection = await inspectRawFile(file(text))
    const typed = inspectRawMessage(text)
    expect({ warnings: inspection.warnings, eightBit: inspection.eightBit, utf8Headers: inspection.utf8Headers }).toEqual(typed)
    expect(inspection.problems).toEqual([])
    expect(inspection.size).toBe(Buffer.byteLength(text))
  })

  it('numbers a long line past the first chunks, whatever line endings came before', async () => {
    const lines = Array.from({ length: 60_000 }, (_, n) => `line ${n} ${'abc'.repeat(n % 20)}`)
    const endings = ['\r\n', '\n', '\r']
    let text = COMPLETE + lines.map((line, n) => line + endings[n % 3]).join('')
    text += `${'L'.repeat(2000)}\nafter\n`
    expect(text.length).toBeGreaterThan(2 * MIB)
    const inspection = await inspectRawFile(file(text))
    expect(inspection.warnings).toEqual(inspectRawMessage(text).warnings)
    expect(inspection.warnings[0]).toMatch(/^line \d+ is longer than 998 octets/)
  })

  it('finds a long line that straddles a chunk boundary', async () => {
    const before = 'a'.repeat(MIB - 600)
    const text = `${COMPLETE}${before}\n${'b'.repeat(1500)}\nend\n`
    expect((await inspectRawFile(file(text))).warnings).toEqual(inspectRawMessage(text).warnings)
  })

  it('keeps a UTF-8 character split by a chunk boundary valid, and finds 8-bit text after the first chunk', async () => {
    const padding = 'p'.repeat(MIB - COMPLETE.length - 1)
    const text = `${COMPLETE}${padding}€ after the boundary\n`
    const inspection = await inspectRawFile(file(text))
    expect(inspection.problems).toEqual([])
    expect(inspection.eightBit).toBe(true)
    expect(inspection.warnings).toEqual(inspectRawMessage(text).warnings)
  })

  it('stops an empty file; a NUL or not UTF-8 makes it binary (BINARYMIME only)', async () => {
    expect((await inspectRawFile(file(' \r\n\t\n'))).problems).toEqual([{ field: 'raw', message: 'is empty' }])
    expect((await inspectRawFile(file(''))).problems).toEqual([{ field: 'raw', message: 'is empty' }])
    const binary = async (content: string | Buffer) => {
      const { problems, binary } = await inspectRawFile(file(content))
      return { problems, binary }
    }
    expect(await binary(`${COMPLETE}a\u0000b\n`)).toEqual({ problems: [], binary: 'contains a NUL character (U+0000)' })
    expect(await binary(Buffer.concat([Buffer.from(COMPLETE), Buffer.from('caf\xe9\n', 'latin1')]))).toEqual({ problems: [], binary: 'is not UTF-8 text' })
    // Cut short at the end of the file: not UTF-8 either.
    expect(await binary(Buffer.concat([Buffer.from(COMPLETE), Buffer.from('€').subarray(0, 2)]))).toEqual({ problems: [], binary: 'is not UTF-8 text' })
    expect(await binary(COMPLETE)).toEqual({ problems: [], binary: undefined })
    const empty = await inspectRawFile(file(''))
    expect(() => rawFileMessageFactory(empty)).toThrow(/is empty/)
  })

  it('says when no blank line ends the headers within the bound, and then assumes 8-bit headers may be UTF-8', async () => {
    const headers = Array.from({ length: RAW_HEADER_SCAN_BYTES / 20 + 10 }, (_, n) => `X-Filler-${n}: ${'f'.repeat(8)}`).join('\n')
    const text = `${headers}\nSubject: ünïcode\n\nbody\n`
    const inspection = await inspectRawFile(file(text))
    expect(inspection.warnings).toContainEqual(expect.stringMatching(/no blank line in its first 256 KiB/))
    expect(inspection).toMatchObject({ eightBit: true, utf8Headers: true })
  })

  it('rejects with the file system error for a missing file, and says what a non-file is', async () => {
    await expect(inspectRawFile(join(dir, 'missing.eml'))).rejects.toMatchObject({ code: 'ENOENT' })
    await expect(inspectRawFile(dir)).rejects.toMatchObject({ code: 'EUNREADABLE', message: 'it is a directory, not a regular file' })
    await expect(inspectRawFile('/dev/zero')).rejects.toMatchObject({ message: 'it is a character device, not a regular file' })
    // Opened without waiting: a FIFO with no writer is refused at once, not waited on.
    const fifo = join(dir, 'no-writer.fifo')
    execFileSync('mkfifo', [fifo])
    await expect(inspectRawFile(fifo)).rejects.toMatchObject({ message: 'it is a FIFO, not a regular file' })
  })
})

describe('rawFileMessageFactory', () => {
  it('streams the file as it is, without a leading byte order mark; line endings are left to the engine', async () => {
    const text = 'Subject: x\n\n.line one\rline two\r\n'
    const path = file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))
    const inspection = await inspectRawFile(path)
    expect(inspection.size).toBe(Buffer.byteLength(text))
    const source = await rawFileMessageFactory(inspection)(caps())
    expect(source).toMatchObject({ size: Buffer.byteLength(text), eightBit: false, smtpUtf8: false })
    expect((await readSource(source)).toString()).toBe(text)
  })

  it('reads a big file in chunks, the same bytes on every open()', async () => {
    const text = `${COMPLETE}${'0123456789abcdef\r\n'.repeat(200_000)}`
    const source = await rawFileMessageFactory(await inspectRawFile(file(text)))(caps())
    expect((await readSource(source)).toString()).toBe(text)
    expect((await readSource(source)).toString()).toBe(text)
  })

  it('asks for SMTPUTF8 only for UTF-8 headers on a server that offers it', async () => {
    const inspection = await inspectRawFile(file('Subject: héllo\n\nbody\n'))
    expect(await rawFileMessageFactory(inspection)(caps({ smtpUtf8: true }))).toMatchObject({ eightBit: true, smtpUtf8: true })
    expect(await rawFileMessageFactory(inspection)(caps({ smtpUtf8: false }))).toMatchObject({ eightBit: true, smtpUtf8: false })
  })

  it('refuses to send a file that changed after it was inspected', async () => {
    const path = file(`${COMPLETE}plain ASCII body\n`)
    // Whole seconds, so the time can be set back exactly after the change.
    const time = Math.floor(statSync(path).mtimeMs / 1000)
    utimesSync(path, time, time)
    const inspection = await inspectRawFile(path)
    const factory = rawFileMessageFactory(inspection)
    // Same size and time, but now with 8-bit content: BODY=8BITMIME was not declared for it.
    writeFileSync(path, `${COMPLETE}plain ASCII bod\xff\n`, 'latin1')
    utimesSync(path, time, time)
    await expect(readSource(await factory(caps()))).rejects.toThrow(/changed after it was checked \(it now has 8-bit content\)/)
    writeFileSync(path, `${COMPLETE}a longer body than before\n`)
    await expect(readSource(await factory(caps()))).rejects.toThrow(/changed after it was checked/)
  })
})
