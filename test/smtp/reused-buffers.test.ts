// The MessageSource contract the raw file source relies on: the engine is done with a chunk
// (written to the socket, or copied) before it asks for the next one, so a source may read
// every chunk into the same buffer. Held-back short chunks and dot-stuffed ones included.
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'
import { afterEach, expect, it } from 'vitest'
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
      const buffer = Buffer.alloc(Math.max(...SIZES))
      let offset = 0
      for (let i = 0; offset < bytes.length; i++) {
        const size = Math.min(SIZES[i % SIZES.length]!, bytes.length - offset)
        bytes.copy(buffer, 0, offset, offset + size)
        offset += size
        yield buffer.subarray(0, size)
        // The engine asked for the next chunk: whatever it kept of this one must be a copy.
        buffer.fill(0x58)
      }
    },
    size: bytes.length,
    eightBit: false,
  })
}

it('delivers a message read chunk by chunk into one reused buffer, byte for byte', async () => {
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
