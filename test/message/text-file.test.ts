// A text body from a file (--body-file): one pass chooses the encoding without keeping the
// file, the send streams it, and the message is byte for byte the one the same text typed
// in makes: 7bit, 8bit, quoted-printable, every kind of line ending, across chunk edges.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { inspectTextFile, messageFactory, MessageInputError } from '../../main/message/index'
import { BUFFERED_TEXT_FILE_LIMIT } from '../../main/message/limits'
import { crlfChunks } from '../../main/message/text-file'
import { toCrlf } from '../../main/message/body-encoding'
import { caps, model, readSource } from './helpers'

const dir = mkdtempSync(join(tmpdir(), 'mailwire-text-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0
const file = (content: string | Buffer) => {
  const path = join(dir, `b${files++}.txt`)
  writeFileSync(path, content)
  return path
}

const fixed = { date: new Date('2026-01-02T03:04:05Z'), messageId: 'fixed.id@mailwire.test' }
const MIB = 1024 * 1024

async function typedAndFromFile(text: string, eightBitMime: boolean, extra: { attachments?: { content: Uint8Array; filename: string }[] } = {}) {
  // What `--body-file` read before it streamed: the file decoded as UTF-8, a leading BOM dropped.
  const typedText = text.replace(/^\ufeff/, '')
  const typed = await readSource(await messageFactory(model({ text: typedText, ...extra }), fixed)(caps({ eightBitMime })))
  const inspection = await inspectTextFile(file(text))
  const source = await messageFactory(model({ text: '', ...extra }), { ...fixed, textFile: inspection })(caps({ eightBitMime }))
  return { typed, fromFile: await readSource(source), source, inspection }
}


/** The chunks through crlfChunks, each read into the same buffer as the file reader reuses its memory. */
async function crlfText(chunks: Buffer[]): Promise<string> {
  async function* reused() {
    const buffer = Buffer.alloc(Math.max(1, ...chunks.map((chunk) => chunk.length)))
    for (const chunk of chunks) {
      chunk.copy(buffer)
      yield buffer.subarray(0, chunk.length)
    }
  }
  let out = ''
  for await (const piece of crlfChunks(reused())) out += piece.toString('latin1')
  return out
}

describe('a text body streamed from a file', () => {
  it.each([
    ['ASCII with LF line ends (7bit)', 'Line one\nLine two\n.leading dot\n', false],
    ['CRLF, lone CR and lone LF mixed', 'a\r\nb\rc\nd\r\r\n\n\rend', false],
    ['8-bit text, 8BITMIME offered (8bit)', 'Grüße aus Köln\nzweite Zeile\n', true],
    ['8-bit text, no 8BITMIME (quoted-printable)', 'Grüße aus Köln\nzweite Zeile\n', false],
    ['a line over 998 octets (quoted-printable)', `short\n${'x'.repeat(1500)}\nend`, true],
    ['an empty file', '', false],
    ['a byte order mark first', '\ufeffwith a BOM\n', false],
  ])('is the typed message, byte for byte: %s', async (_name, text, eightBitMime) => {
    const { typed, fromFile } = await typedAndFromFile(text, eightBitMime)
    expect(fromFile.toString('latin1')).toBe(typed.toString('latin1'))
  })

  it('is the typed message with an attachment after it too', async () => {
    const attachments = [{ content: Buffer.from('a,b\n1,2\n'), filename: 'r.csv' }]
    const { typed, fromFile } = await typedAndFromFile('body\nover lines\n', false, { attachments })
    expect(fromFile.toString('latin1')).toBe(typed.toString('latin1'))
  })

  it('streams a file over the buffer limit: no size announced, the same bytes, CR LF pairs split across reads kept as one break', async () => {
    // Lines of every ending, long enough to cross the 1 MiB send chunks and inspection reads.
    const endings = ['\n', '\r', '\r\n']
    const lines = Array.from({ length: 40_000 }, (_, n) => `${n % 50 === 0 ? '.' : ''}line ${n} ${'é'.repeat(n % 7)}${'abc'.repeat(n % 13)}`)
    const text = lines.map((line, n) => line + endings[n % 3]).join('')
    expect(Buffer.byteLength(text)).toBeGreaterThan(BUFFERED_TEXT_FILE_LIMIT)
    const { typed, fromFile, source } = await typedAndFromFile(text, true)
    expect(source.size).toBeUndefined()
    expect(fromFile.equals(typed)).toBe(true)
  })

  it('makes CRLF of every break at any chunk split, as toCrlf does', async () => {
    const text = Buffer.from('a\r\nb\rc\nd\r\r\n\n\r.e\r')
    const want = toCrlf(text.toString('latin1'))
    for (let cut = 0; cut <= text.length; cut++) {
      expect(await crlfText([text.subarray(0, cut), text.subarray(cut)]), `cut at ${cut}`).toBe(want)
    }
  })

  it('makes CRLF of every break in random texts cut into random chunks, as toCrlf does', async () => {
    // A seeded generator: a failure names the text, and the run is the same every time.
    let seed = 0x5eed
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % below
    }
    for (let round = 0; round < 300; round++) {
      const text = Buffer.from(Array.from({ length: random(200) }, () => 'ab.\r\n'[random(5)]).join(''), 'latin1')
      const chunks: Buffer[] = []
      for (let offset = 0; offset < text.length; ) {
        const size = 1 + random(40)
        chunks.push(text.subarray(offset, offset + size))
        offset += size
      }
      expect(await crlfText(chunks), JSON.stringify(text.toString('latin1'))).toBe(toCrlf(text.toString('latin1')))
    }
  })

  it('refuses NUL and text that is not UTF-8 before anything is composed', async () => {
    const nul = await inspectTextFile(file('a\0b'))
    expect(nul.problems).toEqual([{ field: 'text', message: 'contains a NUL character (U+0000)' }])
    expect(() => messageFactory(model({ text: '' }), { textFile: nul })).toThrow(MessageInputError)
    const latin1 = await inspectTextFile(file(Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65])))
    expect(latin1.problems).toEqual([{ field: 'text', message: 'is not UTF-8 text' }])
  })

  it('refuses to send a file that changed after it was checked: the message stream fails', async () => {
    const path = file(`${'ascii only\n'.repeat(MIB / 8)}`)
    const inspection = await inspectTextFile(path)
    writeFileSync(path, `${'changed!!!\n'.repeat(MIB / 8)}`)
    utimesSync(path, new Date(), new Date(Date.now() + 5000))
    const source = await messageFactory(model({ text: '' }), { ...fixed, textFile: inspection })(caps())
    await expect(readSource(source)).rejects.toThrow(/changed after it was checked/)
  })
})
