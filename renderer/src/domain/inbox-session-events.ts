import type { InboxSession, Phase, SessionEvent, WireEvent, WireKind } from '../../../preload/contract'

/**
 * The inbox's record of a session as wire events, so the WireLog shows the server's side
 * the way it shows ours: what the client sent as `client` lines, what the inbox answered
 * as `server` lines with their reply codes, its notes as `info` (TLS as `tls`, faults and
 * connection errors as `error`, so the Errors filter finds them).
 */

/** The command verb that starts each phase (RFC 5321 section 4.1.1; STARTTLS RFC 3207; AUTH RFC 4954). */
const PHASE_OF_VERB: Record<string, Phase> = {
  EHLO: 'ehlo',
  HELO: 'ehlo',
  LHLO: 'ehlo',
  STARTTLS: 'starttls',
  AUTH: 'auth',
  MAIL: 'mail',
  RCPT: 'rcpt',
  DATA: 'data',
  BDAT: 'data',
  QUIT: 'quit',
}

/** `250-…` / `250 2.1.5 …`: the code, and the enhanced code (RFC 3463) when the line has one. */
const REPLY_LINE = /^([2-5][0-9]{2})(?:[ -]|$)(?:([245]\.[0-9]{1,3}\.[0-9]{1,3})(?: |$))?/

function noteKind(text: string): WireKind {
  if (text.startsWith('TLS started')) return 'tls'
  if (text.startsWith('fault ') || text.startsWith('connection error')) return 'error'
  return 'info'
}

export function inboxSessionToWire(session: Pick<InboxSession, 'events'>): WireEvent[] {
  let phase: Phase = 'connect'
  let secure = false
  return session.events.map((event: SessionEvent, seq) => {
    let kind: WireKind
    let reply: WireEvent['reply']
    if (event.direction === 'in') {
      kind = 'client'
      const verb = /^[A-Za-z]+/.exec(event.text)?.[0]?.toUpperCase() ?? ''
      phase = PHASE_OF_VERB[verb] ?? phase
    } else if (event.direction === 'out') {
      kind = 'server'
      if (phase === 'connect') phase = 'greeting'
      const match = REPLY_LINE.exec(event.text)
      if (match) reply = { code: Number(match[1]), ...(match[2] ? { enhanced: match[2] } : {}) }
    } else {
      kind = noteKind(event.text)
    }
    const wire: WireEvent = { seq, at: event.at, kind, text: event.text, phase, secure, ...(reply ? { reply } : {}) }
    // Lines after the handshake travelled inside TLS.
    if (kind === 'tls') secure = true
    return wire
  })
}
