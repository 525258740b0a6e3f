// The reads of files the user names: a regular file streams in fresh chunks read
// synchronously, anything else is refused with its path said, and a long synchronous pass
// still lets other work run (a Ctrl-C handler, the app's IPC).
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { inspectRawFile } from '../../main/message/raw-file'
import { regularFileStream } from '../../main/message/regular-file'
import { inspectTextFile } from '../../main/message/text-file'

const dir = mkdtempSync(join(tmpdir(), 'mailwire-regular-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const MIB = 1024 * 1024

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer[]> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return chunks
}

describe('regularFileStream', () => {
  it('streams the whole file, each chunk its own memory (a consumer may keep them all)', async () => {
    const bytes = randomBytes(3 * MIB + 12_345)
    const path = join(dir, 'random.bin')
    writeFileSync(path, bytes)
    const chunks = await collect(regularFileStream(path, 1024 * MIB))
    expect(chunks.length).toBeGreaterThan(1)
    expect(new Set(chunks.map((chunk) => chunk.buffer)).size).toBe(chunks.length)
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true)
  })

  it('streams an empty file as no bytes', async () => {
    const path = join(dir, 'empty.bin')
    writeFileSync(path, '')
    expect(Buffer.concat(await collect(regularFileStream(path, 1024))).length).toBe(0)
  })

  it('refuses a FIFO at once, saying which path, rather than waiting for a writer', async () => {
    const fifo = join(dir, 'no-writer.fifo')
    execFileSync('mkfifo', [fifo])
    await expect(collect(regularFileStream(fifo, 1024))).rejects.toThrow(`cannot read ${fifo}: it is a FIFO, not a regular file`)
  })

  it('stops a file that grows past the bound while it is read', async () => {
    const path = join(dir, 'growing.bin')
    // More than one 64 KiB read, so the stream waits for its reader after the first.
    writeFileSync(path, Buffer.alloc(70_000, 0x61))
    const read = async () => {
      let grown = false
      for await (const _chunk of regularFileStream(path, 100_000)) {
        if (!grown) appendFileSync(path, Buffer.alloc(40_000, 0x62))
        grown = true
      }
    }
    await expect(read()).rejects.toThrow('it is larger than 100000 bytes')
  })

  it.runIf(process.platform === 'linux')('closes the file when it is destroyed while the file opens', async () => {
    const path = join(dir, 'opened.bin')
    writeFileSync(path, 'some bytes')
    const open = () => readdirSync('/proc/self/fd').length
    const before = open()
    const stream = regularFileStream(path, 1024)
    stream.read(0)
    stream.destroy()
    await vi.waitFor(() => expect(open()).toBe(before))
  })

  it('refuses a file over the bound and a missing file', async () => {
    const path = join(dir, 'five.bin')
    writeFileSync(path, '12345')
    await expect(collect(regularFileStream(path, 4))).rejects.toThrow(`cannot read ${path}: it is larger than 4 bytes`)
    await expect(collect(regularFileStream(join(dir, 'missing.bin'), 4))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

/** Bytes this process has read so far (Linux: /proc/self/io). */
const bytesReadSoFar = () => Number(/^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))![1])

describe.skipIf(process.platform !== 'linux')('inspection passes over a big file', () => {
  it.each([
    ['inspectRawFile', (path: string) => inspectRawFile(path)],
    ['inspectTextFile', (path: string) => inspectTextFile(path)],
  ])('%s lets other work run in the middle of its synchronous reads', async (name, inspect) => {
    const path = join(dir, `big-${name}.txt`)
    const size = 40 * MIB
    writeFileSync(path, `Subject: big\n\n${'a line of text\n'.repeat(size / 15)}`)
    // What the process had read at each turn of the event loop during the pass.
    const seen: number[] = []
    const start = bytesReadSoFar()
    let turn = setImmediate(function record() {
      seen.push(bytesReadSoFar() - start)
      turn = setImmediate(record)
    })
    try {
      await inspect(path)
    } finally {
      clearImmediate(turn)
    }
    // A turn that came after a quarter of the file and before three quarters of it.
    expect(seen.some((read) => read > size / 4 && read < (3 * size) / 4)).toBe(true)
  })
})
