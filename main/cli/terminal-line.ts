// One status line on a terminal's stderr, redrawn in place (carriage return, erase line)
// and erased when done. Anything else printed meanwhile goes through `around`, so the line
// never ends up inside a transcript line on a terminal that shows both streams.
import type { TextSink } from './io'

/** Carriage return, then CSI 2 K (erase the whole line): the cursor is back at column 1. */
const ERASE = '\r\u001b[2K'
/** Narrower than the narrowest usual terminal (80): a wrapped line cannot be redrawn in place. */
export const STATUS_LINE_MAX = 79

export class TerminalLine {
  private shown = ''

  constructor(private readonly stderr: TextSink) {}

  draw(text: string): void {
    const line = text.length > STATUS_LINE_MAX ? text.slice(0, STATUS_LINE_MAX) : text
    if (line === this.shown) return
    this.stderr.write(`${ERASE}${line}`)
    this.shown = line
  }

  /** Erase the line (nothing is left of it on the terminal). */
  clear(): void {
    if (this.shown === '') return
    this.stderr.write(ERASE)
    this.shown = ''
  }

  /** Print something else with the line out of the way, then draw it again. */
  around(print: () => void): void {
    const shown = this.shown
    this.clear()
    print()
    if (shown !== '') this.draw(shown)
  }
}

/** "1.2 s", "45 s", "3 min 5 s": time left, to the second (no fraction above 10 s). */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000
  if (seconds < 10) return `${seconds.toFixed(1)} s`
  const whole = Math.round(seconds)
  if (whole < 60) return `${whole} s`
  return `${Math.floor(whole / 60)} min ${whole % 60} s`
}

/** Bytes in MB (10^6, as transfer rates are quoted), one decimal. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`
}
