// Where an SMTP connection is in its life, and the moves allowed between those states.
// One named state replaces the flags the connection used to keep (dataReady, bodyInFlight,
// authContinues, upgradeReply, closedByUs, failure): a move not listed here is a bug in the
// engine, reported as one instead of leaving the connection half in two states.
import { SmtpError } from './errors'
import type { Pending, PendingEntry } from './reply-queue'
import type { ReplyHandler } from './reply-handlers'
import type { Reply } from './types'

/** Commands given while the server waits for a message: written right after its final dot (RFC 2920 3.1). */
export interface AfterBody {
  entries: PendingEntry[]
  payload: Buffer
  handler: ReplyHandler
  notes?: readonly string[]
}

export type ConnectionState =
  /** connect() not called yet. */
  | { name: 'new' }
  /** Resolving, TCP, and on an implicit-TLS port the handshake. */
  | { name: 'connecting' }
  /** Commands may be written; replies may be pending (pipelining). */
  | { name: 'ready' }
  /** The last reply was a 334 inside AUTH: the next line is a (secret) response, not a command. */
  | { name: 'auth-challenge' }
  /**
   * STARTTLS got 220: plaintext is no longer read (RFC 3207 4.2), the handshake is under
   * way. `answer` is the 220 until the bytes after it were checked for injected plaintext.
   */
  | { name: 'upgrading'; answer?: { head: Pending; reply: Reply } }
  /** DATA got 354: the message must come next; other commands wait for its final dot. */
  | { name: 'data-ready'; waiting: AfterBody[] }
  /** The message is being written; commands wait for its final dot. */
  | { name: 'body'; waiting: AfterBody[] }
  /** close() sent QUIT: silence or a close from the server is the normal end. */
  | { name: 'closing' }
  /** Ended by us (after QUIT, or destroy()); `error` is what a late caller gets. */
  | { name: 'closed'; error: SmtpError }
  /** Ended by a failure: timeout, cancel, a close by the server, a protocol error. */
  | { name: 'failed'; error: SmtpError }

export type StateName = ConnectionState['name']

const ENDINGS = ['closed', 'failed'] as const

/** Every allowed move, in one place. Any state may end (closed, failed); an ended one never moves. */
const MOVES: Record<StateName, readonly StateName[]> = {
  new: ['connecting', ...ENDINGS],
  connecting: ['ready', ...ENDINGS],
  // Straight to body: BDAT chunks (RFC 3030) need no 354.
  ready: ['auth-challenge', 'upgrading', 'data-ready', 'body', 'closing', ...ENDINGS],
  // A reply before our response (a server that answers twice) is taken as a reply in ready.
  'auth-challenge': ['ready', 'auth-challenge', 'data-ready', ...ENDINGS],
  upgrading: ['upgrading', 'ready', ...ENDINGS],
  'data-ready': ['body', ...ENDINGS],
  body: ['ready', ...ENDINGS],
  closing: [...ENDINGS],
  closed: [],
  failed: [],
}

/** Check a move against MOVES; an illegal one throws (an engine bug, never a server's doing). */
export function checkMove(from: ConnectionState, to: ConnectionState): ConnectionState {
  if (!MOVES[from.name].includes(to.name)) {
    throw new SmtpError('EPROTOCOL', `internal error: the connection cannot go from "${from.name}" to "${to.name}"`)
  }
  return to
}

/** The error of an ended connection, or undefined while it lives. */
export function endedWith(state: ConnectionState): SmtpError | undefined {
  return state.name === 'closed' || state.name === 'failed' ? state.error : undefined
}

/** The commands waiting for a message's final dot, when the state has such a list. */
export function waitingForBody(state: ConnectionState): AfterBody[] | undefined {
  return state.name === 'data-ready' || state.name === 'body' ? state.waiting : undefined
}

/**
 * The state a reply leads to: 354 to DATA awaits the message, 334 inside AUTH a response;
 * anything else is ready again. While closing, the QUIT behind this reply ends it anyway.
 */
export function stateAfterReply(state: ConnectionState, head: { verb: string; phase: string }, code: number): ConnectionState {
  if (state.name !== 'ready' && state.name !== 'auth-challenge') return state
  if (head.verb === 'DATA' && code === 354) return { name: 'data-ready', waiting: [] }
  if (code === 334 && (head.verb === 'AUTH' || head.phase === 'auth')) return { name: 'auth-challenge' }
  return state.name === 'ready' ? state : { name: 'ready' }
}

/** Why no command may be written in `state` (not counting an ended one), or undefined. */
export function commandRefusal(state: ConnectionState): SmtpError | undefined {
  switch (state.name) {
    case 'new':
    case 'connecting':
      return new SmtpError('EPROTOCOL', 'not connected: call connect() first')
    case 'upgrading':
      return new SmtpError('EPROTOCOL', 'no command can be sent during the TLS handshake', { phase: 'starttls' })
    case 'closing':
      return new SmtpError('EPROTOCOL', 'the connection is closing (QUIT was sent)', { phase: 'quit' })
    default:
      return undefined
  }
}
