// The body of DATA on its way to the socket: pulled from the source only as fast as the
// socket drains, encoded (data-encoder.ts), shown (data-preview.ts), counted.
import { DataEncoder, END_OF_DATA } from './data-encoder'
import type { DataPreview } from './data-preview'
import { SmtpError } from './errors'

export type MessageBytes = AsyncIterable<Uint8Array> | Uint8Array | string

export interface BodyOutlet {
  /** Wait for the source, but not past a failure of the connection. */
  guard<T>(promise: Promise<T>): Promise<T>
  /** Write with backpressure. */
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

/**
 * Stream the body and return the bytes still to write: the last chunk when it was held back
 * (HOLD_BACK_BYTES), a CRLF when the message did not end with one, then ".\r\n". A source
 * that fails becomes EMESSAGE; the caller must then drop the connection without the dot,
 * so no partial message is delivered.
 */
export async function writeBody(source: MessageBytes, outlet: BodyOutlet, preview: DataPreview, encoder: DataEncoder): Promise<Buffer> {
  const iterator = asAsyncIterable(source)[Symbol.asyncIterator]()
  let held: Buffer | undefined
  try {
    for (;;) {
      const next = await outlet.guard(iterator.next())
      if (next.done) break
      const encoded = encoder.encode(next.value)
      if (encoded.length === 0) continue
      preview.push(encoded)
      if (held) {
        await outlet.write(held)
        outlet.progress(encoder.bytesOut - encoded.length)
        held = undefined
      }
      if (encoded.length <= HOLD_BACK_BYTES) {
        held = encoded
      } else {
        await outlet.write(encoded)
        outlet.progress(encoder.bytesOut)
      }
    }
  } catch (error) {
    iterator.return?.()?.catch(() => undefined)
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
  return held ? Buffer.concat([held, tail]) : tail
}

function asAsyncIterable(source: MessageBytes): AsyncIterable<Uint8Array> {
  if (typeof source !== 'string' && !(source instanceof Uint8Array)) return source
  const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : source
  return (async function* () {
    yield bytes
  })()
}
