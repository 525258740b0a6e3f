// The words for what a session waits on, for the person watching: a silent server must
// read as "Connected, waiting for the greeting", not as a connect that never ends.
import { END_OF_MESSAGE, GREETING } from './connection-errors'
import type { Phase, SessionWait } from './types'
import type { WireLog } from './wire-log'

/** The wait for the reply to a command, named by its verb (never its line: it may hold a credential). */
export function replyWaitText(verb: string): string {
  if (verb === GREETING) return 'Connected, waiting for the greeting'
  if (verb === END_OF_MESSAGE) return 'Message sent, waiting for the server to accept it'
  return `Waiting for the reply to ${verb}`
}

/** Tell `listener` (when there is one) that a wait begins now. */
export function announceWait(
  listener: ((wait: SessionWait) => void) | undefined,
  wire: WireLog,
  what: string,
  phase: Phase,
  timeoutMs?: number,
): void {
  if (!listener) return
  try {
    listener({ what, phase, since: wire.now(), ...(timeoutMs !== undefined ? { timeoutMs } : {}) })
  } catch {
    // Like a wire listener: a failing window must not break the session.
  }
}
