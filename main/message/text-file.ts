// A text body from a file (`mailwire send --body-file`), never held whole in memory. One
// pass before anything connects reads the file without keeping it and finds what the
// transfer encoding depends on (8-bit octets, a line over 998 octets) and what stops a send
// (NUL, not UTF-8); the send then reads it again in chunks, line ends made CRLF on the way,
// so the message is byte for byte the one the same text typed in would make.
import { Readable } from 'node:stream'
import { DataEncoder } from '../smtp/data-encoder'
import type { FieldError } from './errors'
import { ContentScan, MAX_RAW_FILE_BYTES } from './raw-file'
import { breakAfter, openRegularFile, readAt, readInspectedFile } from './regular-file'

/** The largest body file: as for a raw message file, only a mistake reaches it. */
export const MAX_TEXT_FILE_BYTES = MAX_RAW_FILE_BYTES
/** Reads of the inspection pass: few system calls, one buffer. */
const INSPECT_CHUNK_BYTES = 1024 * 1024
/**
 * Reads of the send, into one buffer; what leaves it is a copy (the MIME library's streams
 * may hold it a while). 256 KiB: 64 KiB cost 1,600 reads, copies and writes per 100 MB;
 * 1 MiB (the raw file's size) took the 100 MB send to 105 MiB peak RSS, over issue 18's
 * 100 MiB bound, for no wall time we could measure (1.64x curl against 1.50x at 256 KiB).
 */
const SEND_CHUNK_BYTES = 256 * 1024

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf])
const CRLF = Buffer.from('\r\n')

export interface TextFileInspection {
  path: string
  /** Bytes of text: the file without a leading UTF-8 byte order mark (TextDecoder drops it too). */
  size: number
  /** Only ASCII octets: 7bit, unless a line is too long. */
  ascii: boolean
  /** A line over MAX_LINE_OCTETS (RFC 5322 §2.1.1): quoted-printable. */
  longLine: boolean
  /** What stops the send (NUL, not UTF-8), as validateCompose words it for a typed body. */
  problems: FieldError[]
  /** The file as inspected: the send refuses a file that changed since (size or time). */
  identity: { fileBytes: number; mtimeMs: number; skip: number }
}

/**
 * One streaming pass (O(1) memory). Rejects with the fs error when the file cannot be
 * read, or an UnreadableFileError when it is not a regular file or is over MAX_TEXT_FILE_BYTES.
 */
export async function inspectTextFile(path: string): Promise<TextFileInspection> {
  const { handle, stats } = await openRegularFile(path, MAX_TEXT_FILE_BYTES)
  try {
    const buffer = Buffer.allocUnsafe(INSPECT_CHUNK_BYTES)
    const scan = new ContentScan()
    let skip = 0
    for (let position = 0, reads = 1; ; reads++) {
      let chunk = readAt(handle, buffer, skip + position)
      if (position === 0 && chunk.subarray(0, UTF8_BOM.length).equals(UTF8_BOM)) {
        skip = UTF8_BOM.length
        chunk = chunk.subarray(skip)
      }
      if (chunk.length === 0) break
      scan.push(chunk, position)
      position += chunk.length
      await breakAfter(reads)
    }
    const found = scan.finish()
    const problems: FieldError[] = []
    if (found.nul) problems.push({ field: 'text', message: 'contains a NUL character (U+0000)' })
    else if (!found.utf8) problems.push({ field: 'text', message: 'is not UTF-8 text' })
    return {
      path,
      size: stats.size - skip,
      ascii: !found.eightBit,
      longLine: found.longLineStart !== undefined,
      problems,
      identity: { fileBytes: stats.size, mtimeMs: stats.mtimeMs, skip },
    }
  } finally {
    await handle.close()
  }
}

/** The text as a stream of CRLF-lined chunks; fails when the file is not the one inspected. */
export function openTextFile(inspection: TextFileInspection): Readable {
  return Readable.from(crlfChunks(readTextFile(inspection)), { objectMode: false })
}

function readTextFile(inspection: TextFileInspection): AsyncGenerator<Buffer> {
  // Two buffers in turn for the reads: crlfChunks copies each chunk out before the next read. The
  // encoding (7bit or not) was chosen from the inspection: readInspectedFile holds it to that.
  return readInspectedFile(inspection, MAX_TEXT_FILE_BYTES, SEND_CHUNK_BYTES)
}

/**
 * Every line break as CRLF (RFC 5322 §2.1), as toCrlf() does for a string: lone CR, lone
 * LF and CRLF alike, a CR at a chunk's end carried to the next. The DATA encoder's own
 * normalisation without its dot-stuffing, so the two cannot disagree; leading dots are
 * doubled later, on the wire.
 */
export async function* crlfChunks(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const encoder = new DataEncoder({ dotStuff: false })
  for await (const chunk of source) {
    const out = encoder.encode(chunk)
    // A chunk already in CRLF comes back as it is: copied, as the caller reuses its memory.
    if (out.length > 0) yield out.buffer === chunk.buffer ? Buffer.from(out) : out
  }
  if (encoder.holdsCr) yield Buffer.from(CRLF)
}
