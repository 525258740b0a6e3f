// Streams a message from the DATA phase straight to a file: it is never held in memory.
// The file is flushed to disk before this resolves; the store's journal commit then makes
// its name durable and lists it, and only then is the message answered 250.
import { createWriteStream } from 'node:fs'
import { Transform } from 'node:stream'
import type { Readable, TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/** Bytes of the beginning kept in memory: the header block of nearly every message. */
const HEAD_BYTES = 64 * 1024

export interface Received {
  /** Message bytes that arrived (after un-dot-stuffing). */
  bytes: number
  /** The first bytes (up to 64 KiB), for the headers the list shows without reading the file again. */
  head: Buffer
  /** More than maxBytes arrived; only the first maxBytes were written. */
  oversized: boolean
}

export interface ReceiveOptions {
  maxBytes: number
  /** Called after each chunk with the running byte count (for the disconnect fault). */
  onProgress?: (bytes: number) => void
}

class ByteCounter extends Transform {
  bytes = 0
  readonly head: Buffer[] = []

  constructor(private readonly options: ReceiveOptions) {
    super()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const before = this.bytes
    this.bytes += chunk.length
    // Past the limit the rest is read and dropped, so the client still gets its reply.
    if (before < HEAD_BYTES) this.head.push(chunk.subarray(0, HEAD_BYTES - before))
    const room = Math.max(0, this.options.maxBytes - before)
    if (room > 0) this.push(room >= chunk.length ? chunk : chunk.subarray(0, room))
    this.options.onProgress?.(this.bytes)
    done()
  }
}

export async function receiveToFile(stream: Readable, path: string, options: ReceiveOptions): Promise<Received> {
  const counter = new ByteCounter(options)
  // 'wx': a fresh file per message, never an existing one. `flush`: fsync before close,
  // and pipeline resolves only after the close.
  const file = createWriteStream(path, { flags: 'wx', mode: 0o600, flush: true })
  await pipeline(stream, counter, file)
  return { bytes: counter.bytes, head: Buffer.concat(counter.head), oversized: counter.bytes > options.maxBytes }
}
