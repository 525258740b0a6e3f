// Raw mode from a file (`mailwire send --data-file`): the message goes out as the file has
// it, streamed from disk, never held whole in memory. One pass over the file before
// anything connects finds what raw mode reports for a typed message (inspectRawMessage):
// the header warnings, long lines, 8-bit content, and the problems that stop a send (empty,
// NUL, not UTF-8). The send then reads the file again in chunks.
//
// Transformations: only a leading UTF-8 byte order mark is dropped (it would sit before
// the first header field); line endings become CRLF and leading dots are doubled by the
// engine's DATA encoder, as for every message. A file that is not text (NUL, not UTF-8)
// goes only with BODY=BINARYMIME, byte for byte (RFC 3030 3).
import { isAscii, isUtf8 } from 'node:buffer'
import type { FileHandle } from 'node:fs/promises'
import type { Capabilities, MessageFactory, MessageSource } from '../smtp/types'
import type { FieldError } from './errors'
import { MAX_LINE_OCTETS } from './limits'
import { eightBitWarning, inspectHeaderSection, longLineWarning, type RawInspection } from './raw'
import { breakAfter, openRegularFile, readAt, readInspectedFile } from './regular-file'

/** The header section is looked for in the first 256 KiB; RFC 5322 sets no limit, real ones are a few KiB. */
export const RAW_HEADER_SCAN_BYTES = 256 * 1024
/**
 * The largest raw message file: far above what any server accepts (SIZE limits are tens of
 * MB), so only a mistake reaches it, and a file that keeps growing is refused, not followed.
 */
export const MAX_RAW_FILE_BYTES = 1024 * 1024 * 1024
/** Reads of the inspection pass: few system calls, one buffer. */
const INSPECT_CHUNK_BYTES = 1024 * 1024
/**
 * Chunks of the send: large enough that per-chunk work (a read on the thread pool, a socket
 * write, their promises) is noise: 1 MiB reads and writes cost about a sixth less CPU over
 * 100 MB than 256 KiB ones. Still a few ms of the transfer each, for smooth progress.
 */
export const RAW_FILE_CHUNK_BYTES = 1024 * 1024

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf])
const LF = 0x0a
const CR = 0x0d
/** What String.prototype.trim() removes, in ASCII (tab, LF, VT, FF, CR, space): a file of only these is empty. */
const isBlank = (byte: number) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)

export interface RawFileInspection extends RawInspection {
  path: string
  /**
   * Bytes that will be read and sent: the file without a leading UTF-8 BOM. Line endings
   * that are not CRLF each become one octet longer on the wire, so for such a file this
   * is an estimate, which is what RFC 1870 asks SIZE to be (and never too high, so the
   * SIZE pre-check cannot refuse a message that fits).
   */
  size: number
  /** What stops the send, as validateCompose words it for a typed message (field `raw`). */
  problems: FieldError[]
  /**
   * Why the file is not text (a NUL, not UTF-8), when it is not: it can only go as it is,
   * with BODY=BINARYMIME in BDAT chunks (RFC 3030 3), to a server that offers BINARYMIME.
   */
  binary?: string
  /** The file as inspected: the send refuses a file that changed since (size or time). */
  identity: { fileBytes: number; mtimeMs: number; skip: number }
}

/**
 * One streaming pass over the file (O(1) memory). Rejects with the fs error when it cannot
 * be read, or an UnreadableFileError when it is not a regular file (a FIFO, a device) or
 * is larger than MAX_RAW_FILE_BYTES.
 */
export async function inspectRawFile(path: string): Promise<RawFileInspection> {
  const { handle, stats: stat } = await openRegularFile(path, MAX_RAW_FILE_BYTES)
  try {
    const buffer = Buffer.allocUnsafe(INSPECT_CHUNK_BYTES)
    const first = readAt(handle, buffer, 0)
    const skip = first.subarray(0, UTF8_BOM.length).equals(UTF8_BOM) ? UTF8_BOM.length : 0
    const size = stat.size - skip

    const header = headerOf(first.subarray(skip, skip + RAW_HEADER_SCAN_BYTES), size > RAW_HEADER_SCAN_BYTES)
    const scan = new ContentScan()
    for (let position = 0, reads = 1, chunk = first.subarray(skip); chunk.length > 0; chunk = readAt(handle, buffer, skip + position)) {
      scan.push(chunk, position)
      position += chunk.length
      await breakAfter(++reads)
    }
    const result = scan.finish()

    const warnings = [...header.warnings]
    if (result.longLineStart !== undefined) warnings.push(longLineWarning(1 + countLineBreaks(handle, buffer, skip, result.longLineStart)))
    const utf8Headers = header.complete ? header.utf8 : result.eightBit
    const binary = !result.content ? undefined : result.nul ? 'contains a NUL character (U+0000)' : !result.utf8 ? 'is not UTF-8 text' : undefined
    // A binary file needs BINARYMIME, which says more than 8BITMIME would.
    if (result.eightBit && binary === undefined) warnings.push(eightBitWarning(utf8Headers))
    if (!header.complete) {
      warnings.push(`has no blank line in its first ${RAW_HEADER_SCAN_BYTES / 1024} KiB: only the header fields there were checked`)
    }
    const problems: FieldError[] = []
    if (!result.content) problems.push({ field: 'raw', message: 'is empty' })
    return {
      path,
      size,
      warnings,
      eightBit: result.eightBit,
      utf8Headers,
      problems,
      ...(binary !== undefined ? { binary } : {}),
      identity: { fileBytes: stat.size, mtimeMs: stat.mtimeMs, skip },
    }
  } finally {
    await handle.close()
  }
}

/**
 * The factory sendMail takes, for an inspected file. eightBit comes from the inspection, so
 * BODY=8BITMIME is declared exactly when the file has 8-bit octets; the send checks each
 * chunk again, and a file that changed since (other size or time, or 8-bit content where
 * none was found) ends the send without the final dot: nothing is delivered.
 */
export function rawFileMessageFactory(inspection: RawFileInspection): MessageFactory {
  if (inspection.problems.length > 0) throw new Error(`${inspection.path} ${inspection.problems[0]!.message}`)
  const { binary } = inspection
  return (caps: Capabilities): MessageSource => {
    if (binary !== undefined && !caps.binaryMime) throw new Error(`${inspection.path} ${binary}: ${BINARY_NEEDS}, and this send cannot use it`)
    return {
      open: () => readRawFile(inspection),
      size: inspection.size,
      eightBit: inspection.eightBit,
      ...(binary !== undefined ? { binary: true } : {}),
      smtpUtf8: inspection.utf8Headers && caps.smtpUtf8,
    }
  }
}

/** Said wherever a binary file is refused. */
export const BINARY_NEEDS = 'a binary message goes only as it is, in BDAT chunks with BODY=BINARYMIME to a server that offers BINARYMIME (RFC 3030)'

/**
 * The file in chunks of RAW_FILE_CHUNK_BYTES, read into two buffers in turn: the engine is
 * done with a chunk before it asks for the one after the next (MessageSource.open), and
 * fresh buffers for 100 MB cost more in page faults than the send itself.
 */
function readRawFile(inspection: RawFileInspection): AsyncGenerator<Uint8Array> {
  // BODY=8BITMIME was declared (or not) from the inspection: it must still be true.
  return readInspectedFile({ ...inspection, ascii: !inspection.eightBit }, MAX_RAW_FILE_BYTES, RAW_FILE_CHUNK_BYTES)
}


/** The header checks of raw mode, on the first bytes of the file. */
function headerOf(prefix: Buffer, truncated: boolean): { warnings: string[]; utf8: boolean; complete: boolean } {
  const lines = prefix.toString('utf8').split(/\r\n|\r|\n/)
  // Cut short by the bound: the last line may be unfinished.
  if (truncated) lines.pop()
  const section = inspectHeaderSection(lines)
  const complete = section.ended || !truncated
  const utf8 = lines.slice(0, section.end).some((line) => /[^\x00-\x7f]/.test(line))
  return { warnings: section.warnings, utf8, complete }
}

/** Line breaks (CRLF, lone CR, lone LF: RFC 5321 §2.3.8) in the sent bytes before `end`. */
function countLineBreaks(handle: FileHandle, buffer: Buffer, skip: number, end: number): number {
  let breaks = 0
  let crBefore = false
  for (let position = 0; position < end; ) {
    const chunk = readAt(handle, buffer, skip + position).subarray(0, end - position)
    if (chunk.length === 0) break
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]
      if (byte === LF) {
        if (!crBefore) breaks++
        crBefore = false
      } else {
        if (crBefore) crBefore = false
        if (byte === CR) {
          breaks++
          crBefore = true
        }
      }
    }
    position += chunk.length
  }
  return breaks
}

/**
 * What one pass finds in the content, chunk by chunk with native scans: 8-bit octets,
 * NUL, UTF-8 validity (a sequence split across chunks is carried over), anything but
 * whitespace, and where the first line longer than MAX_LINE_OCTETS starts.
 */
export class ContentScan {
  private eightBit = false
  private nul = false
  private utf8 = true
  private content = false
  private carry: Buffer = Buffer.alloc(0)
  /** Where the current run of octets without CR or LF began. */
  private runStart = 0
  private longLineStart?: number

  push(chunk: Buffer, position: number): void {
    if (!this.content) this.content = chunk.some((byte) => !isBlank(byte))
    if (!this.nul && chunk.includes(0)) this.nul = true
    const ascii = isAscii(chunk)
    if (!ascii) this.eightBit = true
    if (this.utf8 && (!ascii || this.carry.length > 0)) this.checkUtf8(chunk)
    if (this.longLineStart === undefined) {
      const lines = followLines(chunk, position, this.runStart)
      if ('long' in lines) this.longLineStart = lines.long
      else this.runStart = lines.runStart
    }
  }

  finish(): { eightBit: boolean; nul: boolean; utf8: boolean; content: boolean; longLineStart?: number } {
    return {
      eightBit: this.eightBit,
      nul: this.nul,
      utf8: this.utf8 && this.carry.length === 0,
      content: this.content,
      ...(this.longLineStart !== undefined ? { longLineStart: this.longLineStart } : {}),
    }
  }

  private checkUtf8(chunk: Buffer): void {
    let bytes = chunk
    if (this.carry.length > 0) {
      const need = sequenceLength(this.carry[0]!) - this.carry.length
      if (bytes.length < need) {
        this.carry = Buffer.concat([this.carry, bytes])
        return
      }
      this.utf8 = isUtf8(Buffer.concat([this.carry, bytes.subarray(0, need)]))
      this.carry = Buffer.alloc(0)
      bytes = bytes.subarray(need)
      if (!this.utf8) return
    }
    const cut = unfinishedTail(bytes)
    this.utf8 = isUtf8(bytes.subarray(0, cut))
    this.carry = Buffer.from(bytes.subarray(cut))
  }
}

/** The length a UTF-8 lead byte announces (an invalid lead fails isUtf8 later). */
function sequenceLength(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1
}

/** Where a multi-byte sequence that the chunk cuts short begins (bytes.length when none does). */
function unfinishedTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!
    if ((byte & 0xc0) === 0x80) continue
    return byte >= 0xc0 && sequenceLength(byte) > back ? bytes.length - back : bytes.length
  }
  return bytes.length
}

/**
 * Follows runs of octets without CR or LF through a chunk, from window to window with
 * lastIndexOf: a line break within MAX_LINE_OCTETS + 1 octets of a run's start means no
 * long line there, so a few native calls cover a KiB instead of one call per line.
 * Positions are offsets in the sent bytes. Returns where the run open at the chunk's end
 * began, or where a long line begins.
 */
function followLines(chunk: Buffer, position: number, runStart: number): { runStart: number } | { long: number } {
  const end = position + chunk.length
  let start = runStart
  for (;;) {
    // The run is too long when none of its first MAX_LINE_OCTETS + 1 octets is a break.
    const windowEnd = start + MAX_LINE_OCTETS + 1
    const from = Math.max(start, position) - position
    const to = Math.min(windowEnd, end) - position
    // Searched within the window only: a file of lone CRs must not rescan the chunk for LF.
    const window = chunk.subarray(from, Math.max(from, to))
    const at = Math.max(window.lastIndexOf(LF), window.lastIndexOf(CR))
    if (at === -1) return windowEnd <= end ? { long: start } : { runStart: start }
    start = position + from + at + 1
  }
}
