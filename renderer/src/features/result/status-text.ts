import type { SendResult, SendStatus } from '../../../../preload/contract'
import { deliverySentence, stopSentence } from './stop-text'

/** One plain sentence per outcome; the status word is on the pill beside it, not repeated. */
export function statusSentence(result: SendResult): string {
  const special = stopSentence(result) ?? deliverySentence(result)
  if (special) return special
  const total = result.recipients.length
  const accepted = result.recipients.filter((r) => r.accepted).length
  const sentences: Record<SendStatus, () => string> = {
    sent: () => `The server accepted the message for ${total === 1 ? 'the recipient' : `all ${total} recipients`}.`,
    partial: () => `The server accepted the message for ${accepted} of ${total} recipients; the others were refused.`,
    refused: () =>
      accepted === 0 && total > 0 ? 'The server refused every recipient; nothing was sent.' : 'The server refused the message.',
    failed: () =>
      result.error?.code === 'ECANCELLED'
        ? 'The session was cancelled before the message was accepted.'
        : 'The session ended before the message was accepted.',
    unknown: () => 'The server never confirmed the message; it may have been delivered.',
  }
  return sentences[result.status]()
}

/** What the pill says: a cancel is the user's choice, not a failure, so it has a word and a colour of its own. */
export type Outcome = SendStatus | 'cancelled'

export function outcomeOf(status: SendStatus, errorCode: string | undefined): Outcome {
  return status === 'failed' && errorCode === 'ECANCELLED' ? 'cancelled' : status
}

export const OUTCOME_LABELS: Record<Outcome, string> = {
  sent: 'Sent',
  partial: 'Partly sent',
  refused: 'Refused',
  failed: 'Failed',
  unknown: 'Unknown',
  cancelled: 'Cancelled',
}

export const STATUS_LABELS: Record<SendStatus, string> = {
  sent: 'Sent',
  partial: 'Partly sent',
  refused: 'Refused',
  failed: 'Failed',
  unknown: 'Unknown',
}
