import type { RecipientResult } from '../../../../preload/contract'
import { VisibleText } from '../wire-log/VisibleText'
import styles from './result.module.css'

/** One row per recipient: accepted or not, with the server's code and words. */
export function RecipientTable({ recipients }: { recipients: readonly RecipientResult[] }) {
  if (recipients.length === 0) return null
  return (
    <div className={styles['table-scroll']}>
      <table className={styles['recipients']} data-testid="recipient-results">
        <thead>
          <tr>
            <th scope="col">Recipient</th>
            <th scope="col">Outcome</th>
            <th scope="col">Code</th>
            <th scope="col">Server said</th>
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
              <td>{recipient.accepted ? '✓ accepted' : '✗ refused'}</td>
              <td className="mono">
                {recipient.reply.code}
                {recipient.reply.enhanced ? ` ${recipient.reply.enhanced}` : ''}
              </td>
              <td className={`mono ${styles['server-text']}`}>
                <VisibleText text={recipient.reply.lines.join(' ')} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
