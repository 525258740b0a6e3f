import type { RecipientResult, Reply } from '../../../../preload/contract'
import { VisibleText } from '../wire-log/VisibleText'
import styles from './result.module.css'

/** Over LMTP a recipient RCPT accepted may still not get the message: its own reply says. */
export function outcomeOf(recipient: RecipientResult, lmtp: boolean): string {
  if (!lmtp) return recipient.accepted ? '✓ accepted' : '✗ refused'
  if (recipient.accepted) return '✓ delivered'
  if (recipient.reply.code < 400 && recipient.delivery) return '✗ not delivered'
  return recipient.reply.code < 400 ? '? no delivery reply' : '✗ refused'
}

/** The recipient's reply after the final dot (RFC 2033 4.2), or a dash when RCPT was refused. */
export function DeliveryCell({ reply }: { reply: Reply | undefined }) {
  return (
    <td className={`mono ${styles['server-text']}`} data-testid="recipient-delivery">
      {reply ? (
        <>
          {reply.code}
          {reply.enhanced ? ` ${reply.enhanced}` : ''} <VisibleText text={reply.lines.join(' ')} />
        </>
      ) : (
        <span className="muted">—</span>
      )}
    </td>
  )
}
