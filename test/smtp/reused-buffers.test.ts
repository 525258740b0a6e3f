// The MessageSource contract the file sources rely on: the engine is done with a chunk
// (written to the socket, or copied) before it asks for the one after the next, so a source
// may read its chunks into two buffers in turn. Held-back short chunks and dot-stuffed ones
// included. And what the contract buys: the next chunk is read while one is being written.
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'
import { afterEach, expect, it, vi } from 'vitest'
import { DataEncoder } from '../../main/smtp/data-encoder'
import { DataPreview } from '../../main/smtp/data-preview'
import { writeBody, type BodyOutlet } from '../../main/smtp/message-writer'
import { WireLog } from '../../main/smtp/wire-log'
import { sendMail } from '../../main/smtp/index'
import type { MessageFactory } from '../../main/smtp/types'
import { startSmtpServer, type TestServer } from './support/smtp-server'

let server: TestServer | undefined
let slow: net.Server | undefined
afterEach(async () => {
  slow?.close()
  await server?.close()
  server = slow = undefined
})

/**
 * A relay that reads the client slowly (one chunk per turn of the event loop, once the
 * server took the previous one), so the client's socket buffer fills and its writes queue.
 */
async function slowReader(target: TestServer): Promise<number> {
  slow = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
    upstream.pipe(client)
    client.on('data', (chunk: Buffer) => {
      client.pause()
      upstream.write(chunk, () => setImmediate(() => client.resume()))
    })
    client.on('end', () => upstream.end())
  })
  slow.listen(0, '127.0.0.1')
  await once(slow, 'listening')
  return (slow.address() as AddressInfo).port
}

/** Chunk sizes around the engine's hold-back bound (16 KiB) and its memory pieces. */
const SIZES = [70_000, 3_000, 20_000, 1, 16_384, 16_385, 300_000, 7]

function reusingSource(bytes: Buffer): MessageFactory {
  return () => ({
    open: async function* () {
      const buffers = [Buffer.alloc(Math.max(...SIZES)), Buffer.alloc(Math.max(...SIZES))]
      let offset = 0
      for (let i = 0; offset < bytes.length; i++) {
        const buffer = buffers[i % 2]!
        // The engine asked for the chunk after the one this buffer held: whatever it kept of it must be a copy.
        buffer.fill(0x58)
        const size = Math.min(SIZES[i % SIZES.length]!, bytes.length - offset)
        bytes.copy(buffer, 0, offset, offset + size)
        offset += size
        yield buffer.subarray(0, size)
      }
    },
    size: bytes.length,
    eightBit: false,
  })
}

it('delivers a message read chunk by chunk into two buffers in turn, byte for byte', async () => {
  server = await startSmtpServer({ hideSTARTTLS: true, size: 50_000_000 })
  const lines: string[] = ['Subject: reused buffers', '']
  for (let n = 0, length = 0; length < 6_000_000; n++) {
    const line = n % 7 === 0 ? `.dot line ${n}` : `line ${n} ${'abcdefghij'.repeat(n % 9)}`
    lines.push(line)
    length += line.length + 2
  }
  lines.push('.', 'last line without a line end')
  const withEndings = lines.map((line, n) => line + (n % 5 === 0 ? '\n' : '\r\n')).join('').replace(/\r?\n$/, '')
  const result = await sendMail(
    { host: server.host, port: await slowReader(server), security: 'none' },
    { from: 'a@example.test', to: ['b@example.test'] },
    reusingSource(Buffer.from(withEndings)),
  )
  expect(result.status, JSON.stringify(result.error)).toBe('sent')
  expect(server.received[0]!.raw.toString()).toBe(`${withEndings.replace(/\r?\n/g, '\r\n')}\r\n`)
})

it('reads and encodes the next chunk while the one before is being written, with one write under way at most', async () => {
  const events: string[] = []
  const writes: Array<() => void> = []
  async function* source() {
    for (let i = 1; i <= 3; i++) {
      events.push(`read ${i}`)
      yield Buffer.alloc(20_000, 0x30 + i)
    }
  }
  const outlet: BodyOutlet = {
    guard: (promise) => promise,
    write: (bytes) => {
      events.push(`write ${String.fromCharCode(bytes[0]!)} starts`)
      return new Promise((resolve) => writes.push(resolve))
    },
    progress: () => undefined,
  }
  const body = writeBody(source(), outlet, new DataPreview(new WireLog(), 0, undefined), new DataEncoder({ reuseOutput: true }))
  const finishWrite = async (n: number) => {
    await vi.waitFor(() => expect(writes.length).toBeGreaterThanOrEqual(n))
    events.push(`write ${n} done`)
    writes[n - 1]!()
  }
  await finishWrite(1)
  await finishWrite(2)
  await finishWrite(3)
  await body
  expect(events).toEqual(['read 1', 'write 1 starts', 'read 2', 'write 1 done', 'write 2 starts', 'read 3', 'write 2 done', 'write 3 starts', 'write 3 done'])
})

/**
 * An outlet like a socket that takes its time: it reads the bytes only when the write
 * completes, a turn of the event loop later, so memory reused too early shows on the "wire".
 */
function slowOutlet(): { outlet: BodyOutlet; wire: () => string } {
  const sent: string[] = []
  const outlet: BodyOutlet = {
    guard: (promise) => promise,
    write: (bytes) =>
      new Promise((resolve) =>
        setImmediate(() => {
          sent.push(bytes.toString('latin1'))
          resolve()
        }),
      ),
    progress: () => undefined,
  }
  return { outlet, wire: () => sent.join('') }
}

async function bodyOnTheWire(chunks: () => AsyncIterable<Buffer>): Promise<string> {
  const { outlet, wire } = slowOutlet()
  const tail = await writeBody(chunks(), outlet, new DataPreview(new WireLog(), 0, undefined), new DataEncoder({ reuseOutput: true }))
  return wire() + Buffer.concat(tail).toString('latin1')
}

it('waits for the write under way before the next read when a chunk is held back (the source reuses two buffers)', async () => {
  const wire = await bodyOnTheWire(async function* () {
    const buffers = [Buffer.alloc(20_000), Buffer.alloc(20_000)]
    const parts = ['a'.repeat(20_000), 'b'.repeat(100), 'c'.repeat(20_000)]
    for (const [i, part] of parts.entries()) {
      const buffer = buffers[i % 2]!
      buffer.write(part, 'latin1')
      yield buffer.subarray(0, part.length)
    }
  })
  expect(wire).toBe(`${'a'.repeat(20_000)}${'b'.repeat(100)}${'c'.repeat(20_000)}\r\n.\r\n`)
})

it('waits for the write under way before the next read when a chunk encodes to nothing (a lone CR that waits)', async () => {
  const wire = await bodyOnTheWire(async function* () {
    yield Buffer.from('a\n'.repeat(10_000))
    yield Buffer.from('\r')
    yield Buffer.from('b\n'.repeat(9_000))
  })
  expect(wire).toBe(`${'a\r\n'.repeat(10_000)}\r\n${'b\r\n'.repeat(9_000)}.\r\n`)
})
