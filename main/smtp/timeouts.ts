// How long each step may take. RFC 5321 section 4.5.3.2 gives the minimum a client should
// wait for each reply; the others (connect, EHLO, STARTTLS, AUTH, QUIT) are our choices.
import type { Timeouts } from './types'

const SECOND = 1000
const MINUTE = 60 * SECOND

export const DEFAULT_TIMEOUTS: Readonly<Timeouts> = Object.freeze({
  /** DNS + TCP (+ the TLS handshake on an implicit-TLS port). Ours. */
  connect: 30 * SECOND,
  /** RFC 5321 4.5.3.2.1: initial 220 message, 5 minutes. */
  greeting: 5 * MINUTE,
  /** Not named by the RFC; the "other commands" rule of MAIL applies. */
  ehlo: 5 * MINUTE,
  /** The 220 to STARTTLS and the handshake that follows it. */
  starttls: 5 * MINUTE,
  /** Each reply during AUTH. */
  auth: 5 * MINUTE,
  /** RFC 5321 4.5.3.2.2: MAIL command, 5 minutes. */
  mail: 5 * MINUTE,
  /** RFC 5321 4.5.3.2.3: RCPT command, 5 minutes. */
  rcpt: 5 * MINUTE,
  /** RFC 5321 4.5.3.2.4: DATA initiation (the 354), 2 minutes. */
  dataInit: 2 * MINUTE,
  /** RFC 5321 4.5.3.2.5: data block, 3 minutes for each write the socket does not accept. */
  dataBlock: 3 * MINUTE,
  /** RFC 5321 4.5.3.2.6: DATA termination (reply to the final dot), 10 minutes. */
  dataTermination: 10 * MINUTE,
  /** Waiting for 221 after QUIT. Ours: the message is already settled by then. */
  quit: 10 * SECOND,
})

/**
 * For a person watching a send or a probe in the app: a silent server is named within
 * seconds, not after RFC 5321's five minutes (made for queues that retry unattended). A
 * profile may ask for DEFAULT_TIMEOUTS instead; the CLI keeps them, with --timeout.
 */
export const INTERACTIVE_TIMEOUTS: Readonly<Timeouts> = Object.freeze({
  connect: 15 * SECOND,
  greeting: 30 * SECOND,
  ehlo: 30 * SECOND,
  starttls: 30 * SECOND,
  auth: 30 * SECOND,
  mail: 30 * SECOND,
  rcpt: 30 * SECOND,
  dataInit: 30 * SECOND,
  dataBlock: 60 * SECOND,
  /** The server may scan the message before it answers the final dot: the longest wait here. */
  dataTermination: 2 * MINUTE,
  quit: 10 * SECOND,
})

/** setTimeout's longest delay (a signed 32-bit count of ms, about 24.8 days); longer ones fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1

export function resolveTimeouts(overrides: Partial<Timeouts> | undefined): Timeouts {
  const merged: Timeouts = { ...DEFAULT_TIMEOUTS }
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) merged[key as keyof Timeouts] = Math.min(value, MAX_TIMER_MS)
  }
  return merged
}

/** Which timeout governs the reply to a command, from its verb. */
export function replyTimeoutFor(verb: string, timeouts: Timeouts): number {
  switch (verb) {
    case 'EHLO':
    case 'HELO':
    case 'LHLO':
      return timeouts.ehlo
    case 'STARTTLS':
      return timeouts.starttls
    case 'AUTH':
      return timeouts.auth
    case 'RCPT':
      return timeouts.rcpt
    case 'DATA':
      return timeouts.dataInit
    // Each chunk's reply comes once its bytes were read: the final dot's bound (RFC 3030 has none of its own).
    case 'BDAT':
      return timeouts.dataTermination
    case 'QUIT':
      return timeouts.quit
    default:
      // MAIL, RSET, NOOP, VRFY...: "5 minutes" like MAIL.
      return timeouts.mail
  }
}
