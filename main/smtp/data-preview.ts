// Message data in the wire log: the first lines as `client` events (what a telnet user
// would see), then nothing until one summary; progress as throttled `info` events.
import { isAscii } from 'node:buffer'
import { utf8Text } from './utf8-text'
import type { WireLog } from './wire-log'

export const DEFAULT_DATA_LINES_SHOWN = 40
/** A shown line longer than this is cut: the log is for reading, the .eml has it all. */
const MAX_SHOWN_LINE_CHARS = 1000
/**
 * Bytes of a line kept for showing: enough for MAX_SHOWN_LINE_CHARS UTF-16 units whatever
 * the text (a UTF-8 character takes at most 4 bytes per 2 units, or 3 per unit).
 */
const MAX_SHOWN_LINE_BYTES = MAX_SHOWN_LINE_CHARS * 4
const CR = 0x0d
const LF = 0x0a
/** Progress at most every 1 MiB or every 250 ms, whichever comes first. */
export const PROGRESS_BYTES = 1024 * 1024
export const PROGRESS_MS = 250

/** Line ends in a chunk up to this size are looked for in a latin1 view (one conversion, then String#indexOf). */
const VIEW_BYTES = 64 * 1024

export class DataPreview {
  private shown = 0
  private partial: Buffer[] = []
  private partialBytes = 0
  private lastProgressBytes = 0
  private lastProgressAt: number

  constructor(
    private readonly wire: WireLog,
    private readonly linesShown: number,
    private readonly totalBytes?: number,
  ) {
    this.lastProgressAt = wire.now()
  }

  /** Encoded body bytes (CRLF line ends only) on their way to the socket. */
  push(encoded: Buffer): void {
    if (this.shown >= this.linesShown || !this.wire.listening) return
    // Byte offsets are the same in a latin1 view, and String#indexOf is a builtin where
    // Buffer#indexOf is a wrapper per call: cheaper for the short lines of a small message.
    const view = encoded.length <= VIEW_BYTES ? encoded.toString('latin1') : undefined
    // All ASCII (the usual message): the view is the text too, and a line is a slice of it
    // rather than a decoding call of its own.
    const text = view !== undefined && isAscii(encoded) ? view : undefined
    // Lines written together are shown at one time.
    const at = this.wire.now()
    let start = 0
    while (this.shown < this.linesShown && start < encoded.length) {
      const lf = view !== undefined ? view.indexOf('\n', start) : encoded.indexOf(LF, start)
      if (lf === -1) {
        this.keep(encoded.subarray(start))
        return
      }
      if (this.partialBytes === 0) {
        // The whole line is in this chunk (the usual case): decoded where it lies.
        const end = Math.min(lf > start && encoded[lf - 1] === CR ? lf - 1 : lf, start + MAX_SHOWN_LINE_BYTES)
        this.show(text !== undefined ? text.slice(start, end) : utf8Text(encoded, start, end), at)
      } else {
        this.keep(encoded.subarray(start, lf + 1))
        this.showKept(at)
      }
      start = lf + 1
    }
  }

  /** A progress event when enough bytes or time passed since the last one. */
  progress(bytes: number): void {
    const now = this.wire.now()
    if (bytes - this.lastProgressBytes < PROGRESS_BYTES && now - this.lastProgressAt < PROGRESS_MS) return
    if (bytes === this.lastProgressBytes) return
    this.lastProgressBytes = bytes
    this.lastProgressAt = now
    const of = this.totalBytes !== undefined ? ` of about ${this.totalBytes}` : ''
    this.wire.emit('info', `message data: ${bytes} bytes sent${of}`, {
      phase: 'data',
      bytes,
      ...(this.totalBytes !== undefined ? { totalBytes: this.totalBytes } : {}),
      progress: true,
    })
  }

  /** The summary once the body is written: how much, and how much was not shown. */
  finish(bytes: number, lines: number): void {
    const hidden = lines - this.shown
    const rest = hidden > 0 ? `; ${hidden} more line${hidden === 1 ? '' : 's'} not shown (limit ${this.linesShown})` : ''
    this.wire.emit('info', `message data: ${bytes} bytes, ${lines} line${lines === 1 ? '' : 's'}${rest}`, {
      phase: 'data',
      bytes,
    })
  }

  /** Part of a line that goes on in the next chunk: copied, as the chunk's memory is reused. */
  private keep(part: Buffer): void {
    // Past the display cap the rest of a long line is dropped, so memory stays flat.
    if (this.partialBytes >= MAX_SHOWN_LINE_BYTES) return
    const kept = Buffer.from(part.subarray(0, MAX_SHOWN_LINE_BYTES - this.partialBytes))
    this.partial.push(kept)
    this.partialBytes += kept.length
  }

  private showKept(at: number): void {
    const text = utf8Text(Buffer.concat(this.partial)).replace(/\r?\n$/, '')
    this.partial = []
    this.partialBytes = 0
    this.show(text, at)
  }

  private show(line: string, at: number): void {
    const text = line.length > MAX_SHOWN_LINE_CHARS ? `${line.slice(0, MAX_SHOWN_LINE_CHARS)}…` : line
    this.shown++
    this.wire.emitData(text, at)
  }
}
