// The progress line of a long message transfer (issue 18): once DATA or BDAT has run for a
// second, stderr shows bytes sent of the total, the rate and the time left, redrawn as the
// engine's progress events come (every 1 MiB or 250 ms) and erased when the data ends. Only
// on a terminal and never with --json: session-output.ts decides.
import type { WireEvent } from '../smtp/types'
import { formatDuration, formatMegabytes, TerminalLine } from './terminal-line'

/** A transfer shorter than this shows no line: it would only flicker. */
export const TRANSFER_PROGRESS_AFTER_MS = 1000

const BDAT_LAST = /^BDAT \d+ LAST\b/i

export class TransferProgress {
  /** When the data phase began (ms since session start), while it runs. */
  private startedAt?: number

  constructor(readonly line: TerminalLine) {}

  /** Follow one wire event (before it is printed). */
  see(event: WireEvent): void {
    if (this.startedAt === undefined) {
      if (event.phase === 'data' && event.kind === 'client') this.startedAt = event.at
      return
    }
    if (this.ends(event)) {
      this.startedAt = undefined
      this.line.clear()
      return
    }
    if (event.bytes !== undefined && (event.kind === 'client' || event.totalBytes !== undefined || / sent\b/.test(event.text))) {
      this.show(event.at - this.startedAt, event.bytes, event.totalBytes)
    }
  }

  private ends(event: WireEvent): boolean {
    if (event.phase !== 'data' || event.kind === 'error') return true
    if (event.kind === 'client' && BDAT_LAST.test(event.text)) return true
    // The summary DataPreview writes once the body is out: "message data: N bytes, M lines".
    if (event.kind === 'info' && event.bytes !== undefined && event.totalBytes === undefined && !/ sent\b/.test(event.text)) return true
    return event.kind === 'server' && event.reply !== undefined && event.reply.code >= 400
  }

  private show(elapsedMs: number, bytes: number, total: number | undefined): void {
    if (elapsedMs < TRANSFER_PROGRESS_AFTER_MS) return
    const perSecond = bytes / (elapsedMs / 1000)
    const parts = [total !== undefined ? `sending ${formatMegabytes(bytes)} of ${formatMegabytes(total)}` : `sending ${formatMegabytes(bytes)}`, `${formatMegabytes(perSecond)}/s`]
    if (total !== undefined && perSecond > 0 && total >= bytes) parts.push(`${formatDuration(((total - bytes) / perSecond) * 1000)} left`)
    this.line.draw(parts.join('  '))
  }
}
