// Collects the wire events of a session for assertions.
import type { WireEvent } from '../../../main/smtp/types'

export interface WireRecorder {
  events: WireEvent[]
  onWire: (event: WireEvent) => void
  /** "C: EHLO x", "S: 250-…" lines, for readable assertions. */
  lines(): string[]
  /** Every text and the whole JSON of the events, for secret scans. */
  dump(): string
}

const PREFIX: Record<WireEvent['kind'], string> = { client: 'C', server: 'S', tls: 'T', info: 'I', error: 'E' }

export function recordWire(): WireRecorder {
  const events: WireEvent[] = []
  return {
    events,
    onWire: (event) => events.push(event),
    lines: () => events.map((event) => `${PREFIX[event.kind]}: ${event.text}`),
    dump: () => JSON.stringify(events),
  }
}
