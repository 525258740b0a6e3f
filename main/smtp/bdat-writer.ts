// The message as BDAT chunks (RFC 3030): each chunk's size goes in its command, so the body
// is cut into chunks of a fixed size; line ends are normalised but nothing is dot-stuffed
// (no terminator to protect), and the last chunk says LAST. A binary message (BODY=BINARYMIME)
// keeps its line ends as they are too. With PIPELINING the chunks
// leave without waiting for each 250 (RFC 3030 4.2), else one at a time. Memory stays at
// one chunk: each is written (the socket took it) before the next is cut.
import { transactionCommand } from './command-line'
import type { SmtpConnection } from './connection'
import { DataEncoder } from './data-encoder'
import { SmtpError, replySummary } from './errors'
import type { MessageBytes } from './message-writer'
import type { ReplyGroup } from './reply-handlers'
import type { Reply } from './types'

/** RFC 3030 sets no size; 64 KiB is a few TCP windows, and what swaks and Postfix's own tools use. */
export const DEFAULT_CHUNK_BYTES = 64 * 1024

export interface ChunkOptions {
  chunkSize: number
  pipelining: boolean
  /** BODY=BINARYMIME: the bytes go exactly as they are, line ends too (RFC 3030 3). */
  binary?: boolean
  /** Replies to the last chunk: one per accepted recipient over LMTP (RFC 2033), else one. */
  replies: number
  /** Told right after the last chunk was written, before its reply (drop-after dot). */
  onLast?: () => void
  /** Told how many chunks the message went in, once the last one is written. */
  counted?: (chunks: number) => void
}

/** Send the message; resolves with the replies to the LAST chunk, once the earlier chunks were accepted. */
export async function sendChunks(connection: SmtpConnection, source: MessageBytes, options: ChunkOptions): Promise<Reply[]> {
  const { body, wire, timeouts } = connection
  body.bytes = 0
  body.ended = false
  const encoder = new DataEncoder({ dotStuff: false })
  const earlier: Array<{ index: number; replies: ReplyGroup }> = []
  // Reused: sendChunk copies the bytes behind their command before it returns.
  const chunk = Buffer.allocUnsafe(options.chunkSize)
  let filled = 0
  let index = 0
  const send = async (bytes: Buffer, last: boolean) => {
    index++
    const line = `BDAT ${bytes.length}${last ? ' LAST' : ''}`
    const sent = connection.message.sendChunk(transactionCommand(line, 'BDAT', timeouts), bytes, last ? { replies: options.replies } : undefined)
    wire.emit('client', `[chunk ${index}: ${bytes.length} bytes of message, sent as they are]`, { phase: 'data', bytes: body.bytes + bytes.length })
    if (!last) await sent.written
    body.bytes += bytes.length
    if (last) return sent.replies
    if (options.pipelining) earlier.push({ index, replies: sent.replies })
    else checkChunk(index, await sent.replies.done, connection)
    return sent.replies
  }
  try {
    for await (const piece of pieces(source)) {
      let encoded = options.binary ? Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength) : encoder.encode(piece)
      while (encoded.length > 0) {
        const taken = encoded.copy(chunk, filled)
        filled += taken
        encoded = encoded.subarray(taken)
        if (filled < chunk.length) continue
        await send(chunk, false)
        filled = 0
      }
    }
  } catch (error) {
    if (error instanceof SmtpError) throw error
    throw new SmtpError('EMESSAGE', `could not read the message (${error instanceof Error ? error.message : String(error)}); the connection is dropped before the last chunk, so nothing is delivered`, { phase: 'data', cause: error })
  }
  const last = await send(Buffer.concat([chunk.subarray(0, filled), options.binary ? Buffer.alloc(0) : encoder.finishChunked()]), true)
  options.counted?.(index)
  options.onLast?.()
  for (const { index: at, replies } of earlier) checkChunk(at, await replies.done)
  return last.done
}

function checkChunk(index: number, [reply]: Reply[], connection?: SmtpConnection): void {
  if (reply && reply.code >= 200 && reply.code < 300) return
  connection?.message.abandonChunks()
  throw new SmtpError('EMESSAGE', `the server refused chunk ${index} of the message: ${reply ? replySummary(reply) : 'no reply'}`, { command: 'BDAT', ...(reply ? { reply } : {}), phase: 'data' })
}

async function* pieces(source: MessageBytes): AsyncGenerator<Uint8Array> {
  if (typeof source === 'string') yield Buffer.from(source, 'utf8')
  else if (source instanceof Uint8Array) yield source
  else yield* source
}
