import type { Phase, WireEvent, WireKind } from '../../../../preload/contract'

/**
 * How each kind of wire event looks: one table, read by the row renderer and by the
 * text copy (like Insomnia's timeline prefixes), instead of a switch in every component.
 * After TLS, client and server lines change marker, as the CLI's `~>` / `<~` do.
 */
interface KindStyle {
  /** Marker shown in the log, in clear text and inside TLS. */
  marker: string
  secureMarker: string
  /** Prefix in copied text: the CLI transcript's markers (main/report), so copies match. */
  prefix: string
  securePrefix: string
  /** Class of the row: a key of wire-log.module.css. */
  className: string
  /** What the marker means, for screen readers and the marker's title. */
  label: string
  /** Draw this icon instead of the text marker (fonts lack a dependable lock glyph). */
  icon?: 'lock'
}

export const KIND_STYLES: Record<WireKind, KindStyle> = {
  client: { marker: '→', secureMarker: '⇝', prefix: '->', securePrefix: '~>', className: 'kind-client', label: 'client sent' },
  server: { marker: '←', secureMarker: '⇜', prefix: '<-', securePrefix: '<~', className: 'kind-server', label: 'server replied' },
  tls: { marker: '⚿', secureMarker: '⚿', prefix: '==', securePrefix: '==', className: 'kind-tls', label: 'TLS', icon: 'lock' },
  info: { marker: '•', secureMarker: '•', prefix: '==', securePrefix: '==', className: 'kind-info', label: 'note' },
  error: { marker: '✖', secureMarker: '✖', prefix: '**', securePrefix: '**', className: 'kind-error', label: 'error' },
}

export const markerOf = (event: WireEvent) => {
  const style = KIND_STYLES[event.kind]
  return event.secure ? style.secureMarker : style.marker
}

export const markerLabelOf = (event: WireEvent) =>
  `${KIND_STYLES[event.kind].label}${event.secure && (event.kind === 'client' || event.kind === 'server') ? ' (inside TLS)' : ''}`

/** Short names for the phase gutter. */
export const PHASE_LABELS: Record<Phase, string> = {
  connect: 'connect',
  greeting: 'greeting',
  ehlo: 'EHLO',
  prepare: 'prepare',
  starttls: 'STARTTLS',
  auth: 'AUTH',
  mail: 'MAIL',
  rcpt: 'RCPT',
  data: 'DATA',
  quit: 'QUIT',
}

/** Reply code class for the badge colour (RFC 5321 section 4.2.1). */
export function replyClass(code: number): 'ok' | 'intermediate' | 'transient' | 'permanent' {
  if (code >= 500) return 'permanent'
  if (code >= 400) return 'transient'
  if (code >= 300) return 'intermediate'
  return 'ok'
}
