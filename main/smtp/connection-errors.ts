// How a connection's failures are worded: each says what was being waited for, and what
// the user can conclude (the message may have been delivered, the port may be implicit TLS).
import { SmtpError, replySummary } from './errors'
import type { Pending } from './reply-queue'
import type { Phase, Reply } from './types'

/** The verb of the pending entry for the greeting, which answers no command. */
export const GREETING = ''
/** The verb of the pending entry for the final dot. */
export const END_OF_MESSAGE = '.'

/** Why a plain connection may hear no greeting (RFC 8314 3.3: implicit TLS starts with the client's hello). */
const SILENT_GREETING_HINT = 'a server that expects implicit TLS waits for the handshake and says nothing: is this port implicit TLS (often 465)?'

export const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`

/** No reply in time to the oldest command (RFC 5321 4.5.3.2). */
export function replyTimeout(head: Pending, secure: boolean): SmtpError {
  const what =
    head.verb === GREETING
      ? `no greeting from the server within ${seconds(head.timeoutMs)}`
      : head.verb === END_OF_MESSAGE
        ? `no reply to the final dot within ${seconds(head.timeoutMs)}: the message may have been delivered`
        : `no reply to ${head.display} within ${seconds(head.timeoutMs)}`
  // A server on an implicit TLS port says nothing until the handshake: the usual silence.
  const hint = head.verb === GREETING && !secure ? `; ${SILENT_GREETING_HINT}` : ''
  return new SmtpError('ETIMEOUT', `${what} (RFC 5321 section 4.5.3.2)${hint}`, {
    command: head.display || undefined,
    phase: head.phase,
    temporary: true,
  })
}

/** A 421: the server ends the session (RFC 5321 3.8). */
export function serverClosing(reply: Reply, head: Pending | undefined, phase: Phase): SmtpError {
  return new SmtpError('ECONNECT', `the server is closing the connection (421): ${replySummary(reply)}`, {
    command: head?.display || undefined,
    reply,
    phase: head?.phase ?? phase,
    temporary: true,
  })
}

/** The server closed the socket while we waited for `head` (or for nothing). */
export function closedByServer(head: Pending | undefined, phase: Phase): SmtpError {
  const waiting = !head
    ? ''
    : head.verb === END_OF_MESSAGE
      ? ' after the final dot, before replying: the message may have been delivered'
      : ` while waiting for the reply to ${head.display || 'the greeting'}`
  return new SmtpError('ECONNECT', `the server closed the connection${waiting}`, {
    command: head?.display || undefined,
    phase: head?.phase ?? phase,
    temporary: true,
  })
}

/** Bytes after the 220 to STARTTLS: plaintext that could be injected (RFC 3207 4.2). */
export function plaintextAfterStartTls(extra: number, reply: Reply): SmtpError {
  return new SmtpError(
    'EPROTOCOL',
    `the server sent ${extra} more bytes after its 220 reply to STARTTLS; refusing to go on, as plaintext sent before the TLS handshake could be injected (RFC 3207 section 4.2, CVE-2011-0411)`,
    { command: 'STARTTLS', reply, phase: 'starttls' },
  )
}

export function cancelled(afterDot: boolean, phase: Phase): SmtpError {
  return new SmtpError(
    'ECANCELLED',
    afterDot ? 'cancelled after the final dot was sent: the message may have been delivered' : `cancelled during ${phase}`,
    { phase },
  )
}
