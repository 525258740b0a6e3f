import type { WireEvent } from '../../../preload/contract'
import { formatBytes } from '../shared/format'

/**
 * A count of message bytes sent so far. The engine sends one every 1 MiB or 250 ms (a 20 MB
 * attachment: about 28); the log shows one row that each replaces. Session files written
 * before the `progress` flag are known by their total, which only progress events carry.
 */
export function isProgress(event: WireEvent): boolean {
  return event.progress === true || (event.kind === 'info' && event.phase === 'data' && event.totalBytes !== undefined)
}

/** The row's text in the sizes the rest of the app uses: "message data: 13 MB of 29 MB sent (44%)". */
export function progressRow(event: WireEvent): WireEvent {
  const bytes = event.bytes ?? 0
  const total = event.totalBytes
  const text =
    total !== undefined && total > 0
      ? `message data: ${formatBytes(bytes)} of about ${formatBytes(total)} sent (${Math.min(100, Math.round((bytes / total) * 100))}%)`
      : `message data: ${formatBytes(bytes)} sent`
  return { ...event, text }
}
