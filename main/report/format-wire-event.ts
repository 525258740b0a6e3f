// One wire event as one line of the human transcript:
//
//      12.3ms <- 250 2.1.5 Ok   (ok · destination address valid)  rtt 0.4ms
//
// time since the session started, a direction marker, the line as it crossed the wire
// (made safe to print), and on the last line of each reply what its code means.
import { explainReply } from '../smtp/reply-codes'
import type { WireEvent, WireKind } from '../smtp/types'
import { paintForCode, palette, type Palette } from './colors'
import { safeText } from './safe-text'

export interface FormatOptions {
  /** ANSI colour (decide with shouldUseColor). Off by default. */
  color?: boolean
}

/** Direction markers, like a telnet session annotated by hand. `~` once the line travels in TLS. */
export const MARKERS = {
  client: '->',
  server: '<-',
  secureClient: '~>',
  secureServer: '<~',
  error: '**',
  info: '==',
} as const

/** Width of the time column: fits "99999.9ms" so columns stay aligned for the first 100 s. */
const TIME_WIDTH = 9
/** Spaces between a reply and its meaning. */
const MEANING_GAP = '   '

export function markerFor(event: Pick<WireEvent, 'kind' | 'secure'>): string {
  const markers: Record<WireKind, string> = {
    client: event.secure ? MARKERS.secureClient : MARKERS.client,
    server: event.secure ? MARKERS.secureServer : MARKERS.server,
    error: MARKERS.error,
    info: MARKERS.info,
    tls: MARKERS.info,
  }
  return markers[event.kind]
}

export function formatElapsed(ms: number): string {
  return `${ms.toFixed(1)}ms`.padStart(TIME_WIDTH)
}

/**
 * A reply's meaning in words: "Requested mail action okay, completed · destination address
 * valid". The enhanced code's class ("Success: ", "Permanent failure: …: ") repeats what the
 * basic code already says, so only its specific part is kept.
 */
export function describeReply(code: number, enhanced?: string): string {
  const meaning = explainReply(code, enhanced)
  if (!meaning.enhanced) return meaning.basic
  const sameClass = enhanced?.charAt(0) === String(code).charAt(0)
  // X.0.0 says "other or undefined status": nothing the basic code did not say already.
  if (sameClass && /^\d\.0\.0$/.test(enhanced ?? '')) return meaning.basic
  const specific = sameClass ? meaning.enhanced.slice(meaning.enhanced.lastIndexOf(': ') + 2) : meaning.enhanced
  return `${meaning.basic} · ${specific}`
}

/** "250-PIPELINING" continues a reply; "250 OK" (or a bare "250") ends it. RFC 5321 section 4.2.1. */
function endsReply(text: string): boolean {
  return text.charAt(3) !== '-'
}

function serverCode(event: WireEvent): { code: number; enhanced?: string } | undefined {
  if (event.reply) return event.reply
  const match = /^([2-5]\d\d)(?:[ -]|$)/.exec(event.text)
  return match ? { code: Number(match[1]) } : undefined
}

function bodyOf(event: WireEvent, colors: Palette): string {
  const text = safeText(event.text)
  switch (event.kind) {
    case 'client':
      return colors.cyan(text)
    case 'server':
      return paintForCode(colors, serverCode(event)?.code)(text)
    case 'error':
      return colors.red(colors.bold(text))
    case 'tls':
      return colors.magenta(text)
    case 'info':
      return colors.dim(text)
  }
}

function meaningOf(event: WireEvent, colors: Palette): string {
  if (event.kind !== 'server' || !endsReply(event.text)) return ''
  const reply = serverCode(event)
  if (!reply) return ''
  const rtt = event.rtt === undefined ? '' : `  rtt ${event.rtt.toFixed(1)}ms`
  return colors.dim(`${MEANING_GAP}(${describeReply(reply.code, reply.enhanced)})${rtt}`)
}

/** One transcript line, without a line break. */
export function formatWireEvent(event: WireEvent, options: FormatOptions = {}): string {
  const colors = palette(options.color)
  const marker = markerFor(event)
  const paintedMarker = event.kind === 'error' ? colors.red(marker) : colors.dim(marker)
  return `${colors.dim(formatElapsed(event.at))} ${paintedMarker} ${bodyOf(event, colors)}${meaningOf(event, colors)}`
}
