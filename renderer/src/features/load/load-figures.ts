// The Load part's words for the figures: the disclosure's one line and a failure's heading.
import type { LoadFailure, LoadSnapshot, WireEvent } from '../../../../preload/contract'
import type { LoadData } from '../../store/load-slice'

export const number = (value: number) => value.toLocaleString('en-US')

/** The one line under the Load heading: what it will do, what it is doing, or how it ended. */
export function loadSummary(load: LoadData): string {
  const { snapshot, form } = load
  if (snapshot && !snapshot.done) return `running: ${number(snapshot.finished + snapshot.notSent)} of ${number(snapshot.requested)}, ${number(Math.round(snapshot.messagesPerSecond))} msg/s`
  if (snapshot) return `${snapshot.cancelled ? 'cancelled' : 'last run'}: ${number(snapshot.accepted)} of ${number(snapshot.requested)} accepted, ${number(snapshot.messagesPerSecond)} msg/s`
  return `off: ${form.messages} copies over ${form.connections} connections when started`
}

export function failureHeading(failure: LoadFailure): string {
  const where = failure.message !== undefined ? `first message ${number(failure.message + 1)} on connection ${failure.connection}` : `connection ${failure.connection}`
  return `${failure.summary} · ${number(failure.count)} ${failure.count === 1 ? 'time' : 'times'} · ${where}`
}

const MARKERS: Record<WireEvent['kind'], string> = { client: '→', server: '←', tls: '≡', info: '·', error: '✕' }

/** One transcript line as the log's copies write it: time, direction, text. */
export function transcriptLine(event: WireEvent): string {
  return `${event.at.toFixed(1).padStart(9)}ms ${MARKERS[event.kind]} ${event.text}`
}

export const progressOf = (snapshot: LoadSnapshot) => snapshot.finished + snapshot.notSent
