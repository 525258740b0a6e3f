// Our base64 folding writes the bytes the MIME library's own encoder writes (76-character
// lines, CRLF between them, none after the last), whatever the size and however the input
// is cut into chunks; a source that fails fails the stream.
import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { Encoder as LibraryEncoder } from 'nodemailer/lib/base64'
import { describe, expect, it, vi } from 'vitest'
import { base64Lines } from '../../main/message/base64-lines'

async function collect(stream: Readable): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('latin1')
}

/** The library's encoder over the same bytes, in one piece. */
function libraryLines(bytes: Buffer): Promise<string> {
  const encoder = new LibraryEncoder()
  const out = collect(encoder)
  encoder.end(bytes)
  return out
}

/** `bytes` cut at the given sizes, in turn, as a stream of chunks. */
function chunked(bytes: Buffer, sizes: number[]): Readable {
  const chunks: Buffer[] = []
  for (let offset = 0, i = 0; offset < bytes.length; i++) {
    const size = sizes[i % sizes.length]!
    chunks.push(bytes.subarray(offset, offset + size))
    offset += size
  }
  return Readable.from(chunks)
}

describe('base64Lines', () => {
  it.each([0, 1, 2, 3, 56, 57, 58, 113, 114, 115, 57 * 1149, 57 * 1149 + 1, 200_003])('writes what the library writes for %i bytes', async (size) => {
    const bytes = randomBytes(size)
    const expected = await libraryLines(bytes)
    expect(await collect(base64Lines(Readable.from([bytes])))).toBe(expected)
    for (const sizes of [[1], [56, 58], [57], [1000, 7, 65_536]]) {
      expect(await collect(base64Lines(chunked(bytes, sizes)))).toBe(expected)
    }
  })

  it('folds at 76 characters with CRLF between lines and none after the last', async () => {
    const text = await collect(base64Lines(Readable.from([Buffer.alloc(57 * 3 + 10, 0xab)])))
    const lines = text.split('\r\n')
    expect(lines.map((line) => line.length)).toEqual([76, 76, 76, 16])
    expect(Buffer.from(lines.join(''), 'base64').equals(Buffer.alloc(57 * 3 + 10, 0xab))).toBe(true)
  })

  it('fails when its source fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('the disk went away'))
      },
    })
    await expect(collect(base64Lines(failing))).rejects.toThrow('the disk went away')
  })

  it('ends its source when the reader gives up on it (a cancelled send closes the file)', async () => {
    const source = new Readable({
      read() {
        this.push(Buffer.alloc(57_000, 1))
      },
    })
    const lines = base64Lines(source)
    for await (const _chunk of lines) break
    await vi.waitFor(() => expect(source.destroyed).toBe(true))
  })
})
