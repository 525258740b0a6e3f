// The body of DATA on its way to the socket: pulled from the source only as fast as the
// socket takes it, encoded (data-encoder.ts), shown (data-preview.ts), counted.
import { DataEncoder, END_OF_DATA } from './data-encoder'
import type { DataPreview } from './data-preview'
import { SmtpError } from './errors'

export type MessageBytes = AsyncIterable<Uint8Array> | Uint8Array | string

export interface BodyOutlet {
  /** Wait for the source, but not past a failure of the connection. */
  guard<T>(promise: Promise<T>): Promise<T>
  /**
   * Write, and resolve once the socket has taken the bytes (not merely queued them), so
   * their memory may be used again: the source's and the encoder's buffers are.
   */
  write(bytes: Buffer): Promise<void>
  /** Encoded body bytes written so far. */
  progress(bytes: number): void
}

/**
 * A last chunk up to this size waits to leave with the final dot: a short message then
 * costs one write and one segment, not two (per message, on a connection that sends many).
 * Node's default socket high-water mark: a write this small never waits for 'drain', so
 * holding it back changes no backpressure. Bigger chunks are written as they come, so the
 * dot is never written before a big body was taken.
 */
const HOLD_BACK_BYTES = 16 * 1024
/** An in-memory message is encoded and written in pieces of this size, like a streamed one. */
const MEMORY_CHUNK_BYTES = 256 * 1024

/**
 * Stream the body and return the bytes still to write, in order: the last chunk when it was
 * held back (HOLD_BACK_BYTES), a CRLF when the message did not end with one, then ".\r\n". A source
 * that fails becomes EMESSAGE; the caller must then drop the connection without the dot,
 * so no partial message is delivered.
 *
 * One chunk is on its way to the socket while the next is read and encoded, so the server
 * is not kept waiting for the disk or the encoder (a 100 MB file went out in a read, encode,
 * write lockstep before). A chunk is done with, written, before the chunk after the next is
 * asked for: a source and the encoder may each use two buffers in turn (MessageSource.open).
 */
export async function writeBody(source: MessageBytes, outlet: BodyOutlet, preview: DataPreview, encoder: DataEncoder): Promise<Buffer[]> {
  const inMemory = typeof source === 'string' || source instanceof Uint8Array
  const pieces = inMemory ? memoryPieces(source) : undefined
  const iterator = inMemory ? undefined : source[Symbol.asyncIterator]()
  const writes = new WriteAhead(outlet)
  let held: Buffer | undefined
  try {
    for (;;) {
      const next = pieces ? pieces.next() : await outlet.guard(iterator!.next())
      if (next.done) break
      // The held chunk leaves first, in order.
      const startedWrite = held !== undefined
      if (held) await writes.start(held)
      held = undefined
      const encoded = encoder.encode(next.value)
      if (encoded.length > 0) preview.push(encoded)
      if (encoded.length > HOLD_BACK_BYTES) {
        await writes.start(encoded)
        continue
      }
      // Kept past the next read: a copy, unless it is the caller's own stable memory.
      if (encoded.length > 0) held = inMemory && encoded === next.value ? encoded : Buffer.from(encoded)
      // No write began with this chunk: the one under way must end before the next chunk is
      // asked for, as the source and the encoder reuse the memory of the chunk before this one.
      if (!startedWrite) await writes.finish()
    }
    await writes.finish()
  } catch (error) {
    iterator?.return?.()?.catch(() => undefined)
    if (error instanceof SmtpError) throw error
    const why = error instanceof Error ? error.message : String(error)
    throw new SmtpError(
      'EMESSAGE',
      `could not read the message (${why}); the connection was dropped without the final dot, so nothing is delivered`,
      { phase: 'data', cause: error },
    )
  }
  const tail = encoder.finish()
  preview.push(tail.subarray(0, tail.length - END_OF_DATA.length))
  preview.finish(encoder.bytesOut, encoder.lines)
  return held ? [held, tail] : [tail]
}

/** Body writes with at most one under way: start() waits for the one before. */
class WriteAhead {
  private underWay?: { done: Promise<void>; bytes: number }
  private written = 0

  constructor(private readonly outlet: BodyOutlet) {}

  async start(bytes: Buffer): Promise<void> {
    await this.finish()
    const done = this.outlet.write(bytes)
    // Awaited by the next start() or finish(); until then a failure must not count as unhandled.
    done.catch(() => undefined)
    this.underWay = { done, bytes: bytes.length }
  }

  async finish(): Promise<void> {
    const underWay = this.underWay
    if (!underWay) return
    this.underWay = undefined
    await underWay.done
    this.written += underWay.bytes
    this.outlet.progress(this.written)
  }
}

/**
 * In-memory messages up to this size are encoded in one go, without a stream: encoded, at
 * most twice this plus a CRLF, so never more than HOLD_BACK_BYTES + 2 leave with the dot.
 */
const SMALL_BODY_BYTES = HOLD_BACK_BYTES / 2

/** The message as bytes when it is in memory and small enough for encodeSmallBody(). */
export function smallBody(source: MessageBytes): Buffer | undefined {
  if (typeof source === 'string') return source.length <= SMALL_BODY_BYTES / 3 ? Buffer.from(source, 'utf8') : undefined
  if (!(source instanceof Uint8Array) || source.byteLength > SMALL_BODY_BYTES) return undefined
  return Buffer.isBuffer(source) ? source : Buffer.from(source.buffer, source.byteOffset, source.byteLength)
}

/** A small in-memory body, encoded: the bytes to write with the final dot (in order), and how to show them. */
export interface SmallBody {
  pieces: Buffer[]
  /**
   * The body's lines and summary in the wire log. Called once the bytes were written: on a
   * connection that sends many messages the server starts reading while the log is built.
   */
  show(): void
}

export function encodeSmallBody(bytes: Buffer, preview: DataPreview, encoder: DataEncoder): SmallBody {
  const encoded = bytes.length > 0 ? encoder.encode(bytes) : bytes
  const tail = encoder.finish()
  return {
    pieces: encoded.length > 0 ? [encoded, tail] : [tail],
    show: () => {
      // The encoder makes no other result, so `encoded` still holds these bytes.
      if (encoded.length > 0) preview.push(encoded)
      preview.push(tail.subarray(0, tail.length - END_OF_DATA.length))
      preview.finish(encoder.bytesOut, encoder.lines)
    },
  }
}

function* memoryPieces(source: Uint8Array | string): Generator<Buffer, void> {
  const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : Buffer.from(source.buffer, source.byteOffset, source.byteLength)
  for (let offset = 0; offset < bytes.length; offset += MEMORY_CHUNK_BYTES) {
    yield bytes.subarray(offset, offset + MEMORY_CHUNK_BYTES)
  }
}
