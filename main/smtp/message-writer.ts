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
 * Stream the body (not the final dot) and return the bytes that end it: a CRLF when the
 * message did not end with one, then ".\r\n". A source that fails becomes EMESSAGE; the
 * caller must then drop the connection without the dot, so no partial message is delivered.
 */
export async function writeBody(source: MessageBytes, outlet: BodyOutlet, preview: DataPreview, encoder: DataEncoder): Promise<Buffer> {
  const iterator = asAsyncIterable(source)[Symbol.asyncIterator]()
  try {
    for (;;) {
      const next = await outlet.guard(iterator.next())
      if (next.done) break
      const encoded = encoder.encode(next.value)
      if (encoded.length === 0) continue
      preview.push(encoded)
      await outlet.write(encoded)
      outlet.progress(encoder.bytesOut)
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
  return tail
}

function asAsyncIterable(source: MessageBytes): AsyncIterable<Uint8Array> {
  if (typeof source !== 'string' && !(source instanceof Uint8Array)) return source
  const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : source
  return (async function* () {
    yield bytes
  })()
}
