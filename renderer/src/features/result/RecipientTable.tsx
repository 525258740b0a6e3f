import type { RecipientResult } from '../../../../preload/contract'
import { VisibleText } from '../wire-log/VisibleText'
import { DeliveryCell, outcomeOf } from './LmtpDelivery'
import styles from './result.module.css'

/** One row per recipient: accepted or not, with the server's code and words. */
export function RecipientTable({ recipients }: { recipients: readonly RecipientResult[] }) {
  if (recipients.length === 0) return null
  // LMTP (RFC 2033 4.2): each recipient has its own reply after the message.
  const lmtp = recipients.some((recipient) => recipient.delivery !== undefined)
  return (
    <div className={styles['table-scroll']}>
      <table className={styles['recipients']} data-testid="recipient-results">
        <thead>
          <tr>
            <th scope="col">Recipient</th>
            <th scope="col">Outcome</th>
            <th scope="col">Code</th>
            <th scope="col">Server said</th>
            {lmtp && <th scope="col">Delivery (LMTP)</th>}
          </tr>
        </thead>
        <tbody>
          {recipients.map((recipient, position) => (
            <tr
              key={`${recipient.address}-${position}`}
              className={recipient.accepted ? styles['accepted'] : styles['refused']}
              data-testid="recipient-result"
              data-accepted={recipient.accepted}
            >
              <td className="mono">
                <VisibleText text={recipient.address} />
              </td>
              <td>{outcomeOf(recipient, lmtp)}</td>
              <td className="mono">
                {recipient.reply.code}
                {recipient.reply.enhanced ? ` ${recipient.reply.enhanced}` : ''}
              </td>
              <td className={`mono ${styles['server-text']}`}>
                <VisibleText text={recipient.reply.lines.join(' ')} />
              </td>
              {lmtp && <DeliveryCell reply={recipient.delivery} />}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
