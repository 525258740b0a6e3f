import type { WireEvent } from '../../../../preload/contract'
import { KIND_STYLES } from './wire-kinds'

/** Milliseconds since the session started, as the CLI prints them: "132.4ms". */
export const formatOffset = (ms: number) => `${ms.toFixed(1)}ms`

/** The log's time column: milliseconds until 100 s, then seconds, so a long wait still fits the column. */
export const formatRowTime = (ms: number) => (ms < 100_000 ? formatOffset(ms) : `${(ms / 1000).toFixed(1)}s`)

/** A duration for people: "0.8 ms", "12 ms", "1.24 s". */
export function formatDuration(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`
  const minutes = Math.floor(ms / 60_000)
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`
}

/** One event as a line of plain text, for copy and paste. */
function formatEventLine(event: WireEvent): string {
  const style = KIND_STYLES[event.kind]
  const prefix = event.secure ? style.securePrefix : style.prefix
  const rtt = event.rtt !== undefined ? `  (${formatDuration(event.rtt)})` : ''
  return `${formatOffset(event.at).padStart(9)} ${prefix} ${event.text}${rtt}`
}

export const formatEventLines = (events: Iterable<WireEvent>) => Array.from(events, formatEventLine).join('\n')
