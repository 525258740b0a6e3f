// The DATA body on the wire (RFC 5321 4.5.2 and 2.3.8): every line ending (CRLF, lone LF,
// lone CR) becomes CRLF, a dot at the start of a line is doubled, and the message ends with
// exactly one CRLF.CRLF. Normalizing lone CR and LF is what closes SMTP smuggling
// (`\n.\n`, `\r.\r` ... cannot end the message early at a server that reads them as
// line ends). State is carried across chunks, so any chunking gives the same bytes.
const CR = 0x0d
const LF = 0x0a
const DOT = 0x2e
const CRLF = Buffer.from('\r\n')
/** Chunks up to this size are scanned as a latin1 string (scanView). */
const VIEW_BYTES = 16 * 1024
/** The end-of-data line (RFC 5321 4.1.1.4). */
export const END_OF_DATA = Buffer.from('.\r\n')

export interface DataEncoderOptions {
  /**
   * Write the encoded bytes into two buffers the encoder keeps and uses in turn: each result
   * is then valid until the encode() call after the next. Spares a fresh allocation (and its
   * page faults) per chunk on a big message; the writer that sets it has at most one result
   * on its way to the socket while it encodes the next.
   */
  reuseOutput?: boolean
  /**
   * Double leading dots (default true). BDAT (RFC 3030 2) sends its bytes as they are, with
   * no terminator to protect: only the line ends are normalised there.
   */
  dotStuff?: boolean
}

export class DataEncoder {
  /** Input bytes seen. */
  bytesIn = 0
  /** Encoded body bytes produced, not counting the final ".\r\n". */
  bytesOut = 0
  /** Complete lines produced (each CRLF in the output body). */
  lines = 0
  private atLineStart = true
  private pendingCr = false
  private readonly reuseOutput: boolean
  private readonly dotStuff: boolean
  private readonly scratch: [Buffer | undefined, Buffer | undefined] = [undefined, undefined]
  /** findInserts' results, kept from chunk to chunk. */
  private insertAt = new Int32Array(0)
  private insertByte = new Uint8Array(0)
  private nextScratch = 0

  constructor(options: DataEncoderOptions = {}) {
    this.reuseOutput = options.reuseOutput === true
    this.dotStuff = options.dotStuff !== false
  }

  /** A CR ended the last chunk: the next one says whether it is half of a CRLF. */
  get holdsCr(): boolean {
    return this.pendingCr
  }

  /** Encode one chunk. The result may be empty (a trailing CR waits for the next chunk). */
  encode(chunk: Uint8Array): Buffer {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    const clean = this.scanClean(bytes)
    if (!clean) return this.rewrite(bytes)
    // Line ends already CRLF (the usual case): pass it through, or copy it in native runs
    // with the leading dots doubled, never byte by byte.
    const out = clean.dots.length === 0 ? bytes : stuffDots(bytes, clean.dots, this.output(bytes.length + clean.dots.length))
    this.bytesIn += bytes.length
    this.bytesOut += out.length
    this.lines += clean.lines
    if (bytes.length > 0) this.atLineStart = bytes[bytes.length - 1] === LF
    return out
  }

  /**
   * When every CR in the chunk is followed by LF, every LF preceded by CR and the chunk
   * does not end in CR: its line count and where its lines start with a dot. Otherwise
   * undefined (the rewriting path). Uses the native indexOf, so a 64 KiB chunk costs a
   * few thousand calls instead of a loop over every byte.
   */
  private scanClean(bytes: Buffer): { lines: number; dots: number[] } | undefined {
    if (this.pendingCr) return undefined
    const dots: number[] = []
    const stuff = this.dotStuff
    if (stuff && this.atLineStart && bytes[0] === DOT) dots.push(0)
    if (bytes.length <= VIEW_BYTES) return this.scanView(bytes.toString('latin1'), dots)
    let lines = 0
    for (let lf = bytes.indexOf(LF); lf !== -1; lf = bytes.indexOf(LF, lf + 1)) {
      if (lf === 0 || bytes[lf - 1] !== CR) return undefined
      if (stuff && bytes[lf + 1] === DOT) dots.push(lf + 1)
      lines++
    }
    let crs = 0
    for (let cr = bytes.indexOf(CR); cr !== -1; cr = bytes.indexOf(CR, cr + 1)) {
      if (bytes[cr + 1] !== LF) return undefined
      crs++
    }
    return crs === lines ? { lines, dots } : undefined
  }

  /**
   * scanClean over a latin1 view of a short chunk (same offsets): String#indexOf is a
   * builtin, where each Buffer#indexOf is a wrapper call; a 1.3 KB message of 30 lines
   * took some 60 of those, about a tenth of a message's CPU in a batch to smtp-sink.
   */
  private scanView(view: string, dots: number[]): { lines: number; dots: number[] } | undefined {
    const stuff = this.dotStuff
    let lines = 0
    for (let lf = view.indexOf('\n'); lf !== -1; lf = view.indexOf('\n', lf + 1)) {
      if (lf === 0 || view.charCodeAt(lf - 1) !== CR) return undefined
      if (stuff && view.charCodeAt(lf + 1) === DOT) dots.push(lf + 1)
      lines++
    }
    let crs = 0
    for (let cr = view.indexOf('\r'); cr !== -1; cr = view.indexOf('\r', cr + 1)) {
      if (view.charCodeAt(cr + 1) !== LF) return undefined
      crs++
    }
    return crs === lines ? { lines, dots } : undefined
  }

  /**
   * The path for chunks with a bare CR or LF (leading dots are doubled here too): what to
   * insert is found with native searches, the chunk is copied once, and each run after an
   * insertion is moved right in place with copyWithin, which allocates nothing (a per-byte
   * loop took twice as long over a 100 MB file with LF line ends).
   */
  private rewrite(chunk: Buffer): Buffer {
    // Nothing to learn from an empty chunk: a CR held from the last one still waits.
    if (chunk.length === 0) return chunk
    this.bytesIn += chunk.length
    const endsInCr = chunk.length > 0 && chunk[chunk.length - 1] === CR
    // A CR at the end waits: the next chunk says whether it is half of a CRLF.
    const end = endsInCr ? chunk.length - 1 : chunk.length
    const inserts = this.findInserts(chunk, end)
    const out = this.output(end + inserts.count)
    chunk.copy(out, 0, 0, end)
    let runEnd = end
    for (let i = inserts.count - 1; i >= 0; i--) {
      const at = inserts.at[i]!
      out.copyWithin(at + i + 1, at, runEnd)
      out[at + i] = inserts.byte[i]!
      runEnd = at
    }
    const length = end + inserts.count
    this.lines += inserts.lines
    this.pendingCr = endsInCr
    if (length > 0) this.atLineStart = out[length - 1] === LF
    this.bytesOut += length
    return out.subarray(0, length)
  }

  /**
   * What rewrite() inserts, in order of position in the chunk (bytes inserted at the same
   * place in the order they go out): a CR before a lone LF, an LF after a lone CR (and
   * before a CR held from the last chunk), a dot before a dot that starts a line. Also
   * counts the line breaks the output will have.
   */
  private findInserts(chunk: Buffer, end: number): { at: Int32Array; byte: Uint8Array; count: number; lines: number } {
    // At most two per input byte: a lone CR followed by a leading dot.
    if (this.insertAt.length < 2 * end + 4) {
      this.insertAt = new Int32Array(2 * end + 4)
      this.insertByte = new Uint8Array(2 * end + 4)
    }
    const at = this.insertAt
    const byte = this.insertByte
    let count = 0
    let lines = 0
    const insert = (position: number, value: number) => {
      at[count] = position
      byte[count++] = value
    }
    const lineStartsAt = (position: number) => {
      if (this.dotStuff && position < end && chunk[position] === DOT) insert(position, DOT)
    }
    let from = 0
    if (this.pendingCr) {
      // The CR held from the last chunk: a CRLF when this chunk starts with LF, else a line end of its own.
      insert(0, CR)
      lines++
      if (chunk[0] === LF) {
        from = 1
        lineStartsAt(1)
      } else {
        insert(0, LF)
        lineStartsAt(0)
      }
    } else if (this.atLineStart) {
      lineStartsAt(0)
    }
    let lf = chunk.indexOf(LF, from)
    let cr = chunk.indexOf(CR, from)
    for (;;) {
      const next = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr)
      if (next === -1 || next >= end) break
      lines++
      if (next === cr) {
        if (chunk[next + 1] === LF) {
          lineStartsAt(next + 2)
          lf = chunk.indexOf(LF, next + 2)
        } else {
          insert(next + 1, LF)
          lineStartsAt(next + 1)
        }
        cr = chunk.indexOf(CR, next + 1)
      } else {
        insert(next, CR)
        lineStartsAt(next + 1)
        lf = chunk.indexOf(LF, next + 1)
      }
    }
    return { at, byte, count, lines }
  }

  /** Room for one result: a fresh buffer, or the next of the two reused ones, grown to fit. */
  private output(bytes: number): Buffer {
    if (!this.reuseOutput) return Buffer.allocUnsafe(bytes)
    const turn = this.nextScratch
    this.nextScratch = 1 - turn
    const scratch = this.scratch[turn]
    if (scratch && scratch.length >= bytes) return scratch
    return (this.scratch[turn] = Buffer.allocUnsafe(bytes))
  }

  /** The end of a BDAT body: a CRLF when the last line was not ended (RFC 5322 ends lines with CRLF), else nothing. */
  finishChunked(): Buffer {
    const unfinished = this.pendingCr || !this.atLineStart
    this.pendingCr = false
    this.atLineStart = true
    if (!unfinished) return Buffer.alloc(0)
    this.bytesOut += CRLF.length
    this.lines++
    return Buffer.from(CRLF)
  }

  /** The end of the body: a CRLF when the last line was not ended, then ".\r\n". */
  finish(): Buffer {
    const lineEnd = this.finishChunked()
    return lineEnd.length === 0 ? Buffer.from(END_OF_DATA) : Buffer.concat([lineEnd, END_OF_DATA])
  }
}

/** The chunk with one extra dot before each offset in `dots` (ascending), copied in runs into `out`. */
function stuffDots(bytes: Buffer, dots: number[], out: Buffer): Buffer {
  let n = 0
  let from = 0
  for (const at of dots) {
    n += bytes.copy(out, n, from, at)
    out[n++] = DOT
    from = at
  }
  n += bytes.copy(out, n, from)
  return out.subarray(0, n)
}

/** The whole encoded DATA payload of a stream, terminator included. */
export async function* encodeData(source: AsyncIterable<Uint8Array>, encoder = new DataEncoder()): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    const encoded = encoder.encode(chunk)
    if (encoded.length > 0) yield encoded
  }
  yield encoder.finish()
}
