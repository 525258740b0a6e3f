// Message data in the wire log: the first lines as `client` events (what a telnet user
// would see), then nothing until one summary; progress as throttled `info` events.
import type { WireLog } from './wire-log'

export const DEFAULT_DATA_LINES_SHOWN = 40
/** A shown line longer than this is cut: the log is for reading, the .eml has it all. */
const MAX_SHOWN_LINE_CHARS = 1000
/** Progress at most every 1 MiB or every 250 ms, whichever comes first. */
export const PROGRESS_BYTES = 1024 * 1024
export const PROGRESS_MS = 250

const decoder = new TextDecoder('utf-8')

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
    let start = 0
    while (this.shown < this.linesShown && start < encoded.length) {
      const lf = encoded.indexOf(0x0a, start)
      if (lf === -1) {
        this.keep(encoded.subarray(start))
        return
      }
      this.keep(encoded.subarray(start, lf + 1))
      this.showLine()
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

  private keep(part: Buffer): void {
    // Past the display cap the rest of a long line is dropped, so memory stays flat.
    if (this.partialBytes >= MAX_SHOWN_LINE_CHARS * 4) return
    this.partial.push(Buffer.from(part))
    this.partialBytes += part.length
  }

  private showLine(): void {
    let text = decoder.decode(Buffer.concat(this.partial)).replace(/\r?\n$/, '')
    this.partial = []
    this.partialBytes = 0
    if (text.length > MAX_SHOWN_LINE_CHARS) text = `${text.slice(0, MAX_SHOWN_LINE_CHARS)}…`
    this.shown++
    this.wire.emit('client', text, { phase: 'data' })
  }
}
