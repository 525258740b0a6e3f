// A whole session as text: what the CLI prints (live, one event at a time) and what the
// app's history export writes. The same lines either way.
import type { WireEvent } from '../smtp/types'
import { formatWireEvent, type FormatOptions } from './format-wire-event'

export function formatTranscript(events: readonly WireEvent[], options: FormatOptions = {}): string {
  return events.map((event) => `${formatWireEvent(event, options)}\n`).join('')
}
