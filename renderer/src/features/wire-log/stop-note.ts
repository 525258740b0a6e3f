import type { WireEvent } from '../../../../preload/contract'

/**
 * The engine's note where a session ended on purpose (Stop after, Hang up after; main/smtp
 * session-run.ts stopNote): "stopping after rcpt, as asked", "hanging up after mail without
 * QUIT, as asked", "hanging up right after the final dot, …, as asked: …".
 */
const STOP_NOTE = /^(stopping|hanging up)\b.*\bas asked\b/

export type StopKind = 'quit' | 'hang-up'

/** Which kind of stop this line reports, if it is the note of one. */
export function stopNoteOf(event: WireEvent): StopKind | undefined {
  if (event.kind !== 'info' || !STOP_NOTE.test(event.text)) return undefined
  return event.text.startsWith('hanging up') ? 'hang-up' : 'quit'
}

export const STOP_LABELS: Record<StopKind, string> = {
  quit: 'stopped on purpose',
  'hang-up': 'hung up on purpose',
}
