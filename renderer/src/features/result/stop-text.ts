import type { SendResult } from '../../../../preload/contract'
import { stepLabel } from '../../store/advanced-model'

/** The sentence of a session ended on purpose (Stop after, Hang up after), or undefined. */
export function stopSentence(result: SendResult): string | undefined {
  const step = result.stoppedAfter
  if (step === undefined) return undefined
  const where = stepLabel(step)
  if (result.hungUp && step === 'dot') return 'Hung up right after the final dot, as asked: the server never confirmed the message; it may have been delivered.'
  if (result.hungUp) return `Hung up after ${where} without QUIT, as asked; no message was sent.`
  if (step === 'dot') return undefined
  // After a 354 any line is message text, so the engine closes without QUIT.
  if (step === 'data') return 'Stopped after DATA, as asked: the connection was closed without QUIT (after 354 it would be message text); no message was sent.'
  return `Stopped after ${where} with QUIT, as asked; no message was sent.`
}

/** The pill's word for a stop on purpose before the message went (else the status's own). */
export function stopLabel(result: SendResult): string | undefined {
  if (result.stoppedAfter === undefined || (result.stoppedAfter === 'dot' && !result.hungUp)) return undefined
  return result.hungUp ? 'Hung up' : 'Stopped'
}

/** Over LMTP the outcome is each recipient's delivery (RFC 2033 4.2), not one acceptance. */
export function deliverySentence(result: SendResult): string | undefined {
  if (!result.recipients.some((recipient) => recipient.delivery !== undefined)) return undefined
  const total = result.recipients.length
  const delivered = result.recipients.filter((recipient) => recipient.accepted).length
  if (delivered === total) return `Delivered to ${total === 1 ? 'the recipient' : `all ${total} recipients`}.`
  if (delivered === 0) return 'Delivered to no recipient.'
  return `Delivered to ${delivered} of ${total} recipients; the others were not.`
}
