// Which of the engine's DATA progress counts the printed transcript shows. The engine
// reports progress every 1 MiB or 250 ms: the app updates one row with it and --json keeps
// every count, but printed it was a line per MiB, a hundred lines for a 100 MB message. The
// transcript shows one count every PRINTED_PROGRESS_MS of the session's clock: none in a
// fast transfer, whose summary line says it all, and a heartbeat in a slow one's log.
import type { WireEvent } from '../smtp/types'

export const PRINTED_PROGRESS_MS = 5000

export class PrintedProgress {
  /** When the data phase began, or its last count was printed (ms since session start). */
  private since?: number

  /** Whether to print this event: every event but a progress count comes through. */
  shows(event: WireEvent): boolean {
    if (event.phase !== 'data') {
      this.since = undefined
      return true
    }
    this.since ??= event.at
    if (!event.progress) return true
    if (event.at - this.since < PRINTED_PROGRESS_MS) return false
    this.since = event.at
    return true
  }
}
