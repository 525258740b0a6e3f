// Turns the bytes a server sends into reply lines and whole replies (RFC 5321 4.2).
// Bytes are kept per line and decoded to text only once the line is complete, so a
// multi-byte UTF-8 character split across TCP chunks survives. Limits keep memory flat:
// an oversized line is refused as soon as it passes the cap, without buffering the rest.
import { isAscii } from 'node:buffer'
import { SmtpError } from './errors'
import type { Reply } from './types'
import { utf8Text } from './utf8-text'

/**
 * RFC 5321 4.5.3.1.5 limits a reply line to 512 octets including CRLF. Real servers send
 * longer ones (long EHLO keyword lists, verbose policy texts), so we accept 16 times that.
 */
export const MAX_REPLY_LINE_BYTES = 8 * 1024
/** Lines in one multi-line reply. RFC 5321 sets no limit; EHLO replies have about 20. */
export const MAX_REPLY_LINES = 100
/** Bytes in one multi-line reply. */
export const MAX_REPLY_BYTES = 64 * 1024

const LF = 0x0a
const CR = 0x0d
/** A read up to this size in ASCII is decoded once for all its lines (replies are short). */
const ASCII_VIEW_BYTES = 4096

/**
 * "250-SIZE 1000", "250 2.1.5 Ok", or a bare "250" (RFC 5321 4.2: the text is optional):
 * /^([2-5]\d\d)(?:([ -])(.*))?$/s, as parseLine reads it.
 */
const DIGIT_0 = 0x30
const DIGIT_2 = 0x32
const DIGIT_5 = 0x35
const DIGIT_4 = 0x34
const DOT = 0x2e
const SPACE = 0x20
const isDigit = (char: number) => char >= DIGIT_0 && char <= DIGIT_0 + 9
/**
 * An RFC 3463 code at the start of the text: class.subject.detail. With ENHANCEDSTATUSCODES
 * offered (RFC 2034) we take it whenever it is there; without, only when it is clearly one:
 * followed by a space, and its class equal to the reply's first digit.
 */
const ENHANCED = /^([245])\.(\d{1,3})\.(\d{1,3})(?: +|$)/

export interface ReplyLine {
  /** The whole line as received, decoded, without CRLF. */
  raw: string
  code: number
  /** True on the last line of a reply (a space or nothing after the code). */
  final: boolean
  enhanced?: string
  /** The text after code, separator and enhanced code. */
  text: string
}

export interface ReplyParserHandlers {
  onLine(line: ReplyLine): void
  /** Return false to stop reading: the rest of the chunk stays unprocessed (see leftoverBytes). */
  onReply(reply: Reply): boolean | void
}

export class ReplyParser {
  /** Set once the server offered ENHANCEDSTATUSCODES. */
  enhancedStatusCodes = false
  private parts: Buffer[] = []
  private partBytes = 0
  private pending: ReplyLine[] = []
  private pendingBytes = 0
  private stopped = false
  private leftover = 0

  constructor(private readonly handlers: ReplyParserHandlers) {}

  /** Bytes received after the reply whose handler stopped the parser, plus any unfinished line. */
  get leftoverBytes(): number {
    return this.leftover
  }

  /** Bytes of a line that has not ended yet, or lines of a reply that has not ended yet. */
  get hasPartialReply(): boolean {
    return this.partBytes > 0 || this.pending.length > 0
  }

  /** Feed bytes from the socket. Throws an EPROTOCOL SmtpError on anything that is not a reply. */
  feed(chunk: Uint8Array): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    if (this.stopped) {
      this.leftover += bytes.length
      return
    }
    // A short read in ASCII (the usual one): decoded once, each whole line a slice of it.
    const text = bytes.length <= ASCII_VIEW_BYTES && isAscii(bytes) ? bytes.toString('latin1') : undefined
    let start = 0
    while (start < bytes.length) {
      const lf = bytes.indexOf(LF, start)
      if (lf === -1) {
        this.append(bytes.subarray(start))
        return
      }
      const lineStart = start
      start = lf + 1
      if (this.partBytes === 0 && lf - lineStart <= MAX_REPLY_LINE_BYTES + 1) {
        // The whole line is in this chunk (the usual case): read where it lies.
        this.completeLine(bytes, lineStart, lf, text)
      } else {
        this.append(bytes.subarray(lineStart, lf))
        const line = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.partBytes)
        this.parts = []
        this.partBytes = 0
        this.completeLine(line, 0, line.length)
      }
      if (this.stopped) {
        this.leftover = bytes.length - start + this.partBytes
        return
      }
    }
  }

  private append(segment: Buffer): void {
    if (segment.length === 0) return
    if (this.partBytes + segment.length > MAX_REPLY_LINE_BYTES + 1) {
      // +1: the CR of the CRLF may arrive before we see the LF.
      const head = utf8Text(Buffer.concat([...this.parts, segment]), 0, 80)
      this.parts = []
      throw new SmtpError(
        'EPROTOCOL',
        `reply line longer than ${MAX_REPLY_LINE_BYTES} bytes (RFC 5321 4.5.3.1.5 allows 512): "${head}…"`,
      )
    }
    this.parts.push(segment)
    this.partBytes += segment.length
  }

  /** The line in bytes[start, end), its LF already cut off; `text`: all of `bytes` as text, when ASCII. */
  private completeLine(bytes: Buffer, start: number, lineEnd: number, text?: string): void {
    const end = lineEnd > start && bytes[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd
    if (end - start > MAX_REPLY_LINE_BYTES) {
      throw new SmtpError('EPROTOCOL', `reply line longer than ${MAX_REPLY_LINE_BYTES} bytes (RFC 5321 4.5.3.1.5)`)
    }
    const parsed = this.parseLine(text !== undefined ? text.slice(start, end) : utf8Text(bytes, start, end))
    if (this.pending.length > 0 && parsed.code !== this.pending[0]!.code) {
      throw new SmtpError(
        'EPROTOCOL',
        `reply lines with different codes in one reply (${this.pending[0]!.code} then ${parsed.code}): "${parsed.raw}"`,
      )
    }
    this.pending.push(parsed)
    this.pendingBytes += end - start + 2
    if (this.pending.length > MAX_REPLY_LINES || this.pendingBytes > MAX_REPLY_BYTES) {
      throw new SmtpError(
        'EPROTOCOL',
        `reply longer than ${MAX_REPLY_LINES} lines or ${MAX_REPLY_BYTES} bytes: the server does not stop`,
      )
    }
    this.handlers.onLine(parsed)
    if (!parsed.final) return
    const reply = this.toReply(this.pending)
    this.pending = []
    this.pendingBytes = 0
    if (this.handlers.onReply(reply) === false) this.stopped = true
  }

  /** REPLY_LINE, read character by character: every reply line passes here. */
  private parseLine(raw: string): ReplyLine {
    const c0 = raw.charCodeAt(0)
    const c1 = raw.charCodeAt(1)
    const c2 = raw.charCodeAt(2)
    const separator = raw.length > 3 ? raw[3] : undefined
    if (!(c0 >= DIGIT_2 && c0 <= DIGIT_5 && isDigit(c1) && isDigit(c2) && (separator === undefined || separator === ' ' || separator === '-'))) {
      const shown = raw.length > 80 ? `${raw.slice(0, 80)}…` : raw
      throw new SmtpError('EPROTOCOL', `the server sent a line that is not an SMTP reply: "${shown}"`)
    }
    const code = (c0 - DIGIT_0) * 100 + (c1 - DIGIT_0) * 10 + (c2 - DIGIT_0)
    const final = separator !== '-'
    const rest = raw.length > 4 ? raw.slice(4) : ''
    // An enhanced code has a dot after its first digit: most lines are spared the regex.
    if (rest.charCodeAt(1) !== DOT) return { raw, code, final, text: rest }
    const short = this.shortEnhanced(rest, code)
    if (short !== undefined) return short === null ? { raw, code, final, text: rest } : { raw, code, final, enhanced: short.enhanced, text: short.text }
    const enhanced = ENHANCED.exec(rest)
    const acceptEnhanced =
      enhanced !== null &&
      Number(enhanced[1]) === Math.floor(code / 100) &&
      (this.enhancedStatusCodes || enhanced[0].endsWith(' '))
    if (!acceptEnhanced) return { raw, code, final, text: rest }
    return {
      raw,
      code,
      final,
      enhanced: `${enhanced[1]}.${enhanced[2]}.${enhanced[3]}`,
      text: rest.slice(enhanced[0].length),
    }
  }

  /**
   * The usual enhanced code, one digit each ("2.1.5 Ok"), read without the regex: its code
   * and text, null when it is not taken (see parseLine), undefined for any other form.
   */
  private shortEnhanced(rest: string, code: number): { enhanced: string; text: string } | null | undefined {
    const spaced = rest.charCodeAt(5) === SPACE
    if (!(isDigit(rest.charCodeAt(2)) && rest.charCodeAt(3) === DOT && isDigit(rest.charCodeAt(4)) && (spaced || rest.length === 5))) return undefined
    const kind = rest.charCodeAt(0)
    if (kind !== DIGIT_0 + Math.floor(code / 100) || (kind !== DIGIT_2 && kind !== DIGIT_4 && kind !== DIGIT_5)) return null
    if (!spaced && !this.enhancedStatusCodes) return null
    let text = 5
    while (rest.charCodeAt(text) === SPACE) text++
    return { enhanced: rest.slice(0, 5), text: rest.slice(text) }
  }

  private toReply(lines: ReplyLine[]): Reply {
    if (lines.length === 1) {
      const only = lines[0]!
      return only.enhanced !== undefined ? { code: only.code, lines: [only.text], enhanced: only.enhanced } : { code: only.code, lines: [only.text] }
    }
    const reply: Reply = { code: lines[0]!.code, lines: lines.map((line) => line.text) }
    const enhanced = lines.find((line) => line.enhanced !== undefined)?.enhanced
    if (enhanced !== undefined) reply.enhanced = enhanced
    return reply
  }
}
