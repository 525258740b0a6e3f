// The DATA body on the wire (RFC 5321 4.5.2 and 2.3.8): every line ending (CRLF, lone LF,
// lone CR) becomes CRLF, a dot at the start of a line is doubled, and the message ends with
// exactly one CRLF.CRLF. Normalizing lone CR and LF is what closes SMTP smuggling
// (`\n.\n`, `\r.\r` ... cannot end the message early at a server that reads them as
// line ends). State is carried across chunks, so any chunking gives the same bytes.
const CR = 0x0d
const LF = 0x0a
const DOT = 0x2e
const CRLF = Buffer.from('\r\n')
/** The end-of-data line (RFC 5321 4.1.1.4). */
export const END_OF_DATA = Buffer.from('.\r\n')

export class DataEncoder {
  /** Input bytes seen. */
  bytesIn = 0
  /** Encoded body bytes produced, not counting the final ".\r\n". */
  bytesOut = 0
  /** Complete lines produced (each CRLF in the output body). */
  lines = 0
  private atLineStart = true
  private pendingCr = false

  /** Encode one chunk. The result may be empty (a trailing CR waits for the next chunk). */
  encode(chunk: Uint8Array): Buffer {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    const lines = this.cleanLines(bytes)
    if (lines >= 0) {
      // Already in wire form (the usual case): pass it through without a copy.
      this.bytesIn += bytes.length
      this.bytesOut += bytes.length
      this.lines += lines
      if (bytes.length > 0) this.atLineStart = bytes[bytes.length - 1] === LF
      return bytes
    }
    return this.rewrite(bytes)
  }

  /**
   * The number of lines when the chunk needs no change (every CR followed by LF, every LF
   * preceded by CR, no dot at a line start, not ending in CR), else -1. Uses the native
   * indexOf, so a clean 64 KiB chunk costs a few dozen calls instead of a byte loop.
   */
  private cleanLines(bytes: Buffer): number {
    if (this.pendingCr || (this.atLineStart && bytes[0] === DOT)) return -1
    let lines = 0
    for (let lf = bytes.indexOf(LF); lf !== -1; lf = bytes.indexOf(LF, lf + 1)) {
      if (lf === 0 || bytes[lf - 1] !== CR || bytes[lf + 1] === DOT) return -1
      lines++
    }
    let crs = 0
    for (let cr = bytes.indexOf(CR); cr !== -1; cr = bytes.indexOf(CR, cr + 1)) {
      if (bytes[cr + 1] !== LF) return -1
      crs++
    }
    return crs === lines ? lines : -1
  }

  /** The byte-by-byte path for chunks with bare line ends or leading dots. */
  private rewrite(chunk: Buffer): Buffer {
    this.bytesIn += chunk.length
    // Worst case doubles: every byte a LF (→ CRLF) or a dot after a line end (→ "..").
    const out = Buffer.allocUnsafe(chunk.length * 2 + 2)
    let n = 0
    let atLineStart = this.atLineStart
    let pendingCr = this.pendingCr
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!
      if (pendingCr) {
        pendingCr = false
        out[n++] = CR
        out[n++] = LF
        this.lines++
        atLineStart = true
        if (byte === LF) continue
      }
      if (byte === CR) {
        pendingCr = true
      } else if (byte === LF) {
        out[n++] = CR
        out[n++] = LF
        this.lines++
        atLineStart = true
      } else {
        if (atLineStart && byte === DOT) out[n++] = DOT
        out[n++] = byte
        atLineStart = false
      }
    }
    this.atLineStart = atLineStart
    this.pendingCr = pendingCr
    this.bytesOut += n
    return out.subarray(0, n)
  }

  /** The end of the body: a CRLF when the last line was not ended, then ".\r\n". */
  finish(): Buffer {
    const unfinished = this.pendingCr || !this.atLineStart
    this.pendingCr = false
    this.atLineStart = true
    if (!unfinished) return Buffer.from(END_OF_DATA)
    this.bytesOut += CRLF.length
    this.lines++
    return Buffer.concat([CRLF, END_OF_DATA])
  }
}

/** The whole encoded DATA payload of a stream, terminator included. */
export async function* encodeData(source: AsyncIterable<Uint8Array>, encoder = new DataEncoder()): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    const encoded = encoder.encode(chunk)
    if (encoded.length > 0) yield encoded
  }
  yield encoder.finish()
}
