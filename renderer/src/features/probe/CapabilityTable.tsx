import type { Capabilities, CapabilityChange } from '../../../../preload/contract'
import { VisibleText } from '../wire-log/VisibleText'
import styles from './probe.module.css'

const CHANGE_NOTE: Record<CapabilityChange['change'], string> = {
  same: '',
  changed: 'changed',
  disappeared: 'gone after TLS',
  appeared: 'new after TLS',
}

/** EHLO before and after STARTTLS side by side (the rows come from main: the CLI's diff). */
export function CapabilityTable({ changes }: { changes: CapabilityChange[] }) {
  return (
    <table className={styles['capability-table']} data-testid="capability-table">
      <thead>
        <tr>
          <th scope="col">Before STARTTLS</th>
          <th scope="col">After STARTTLS</th>
          <th scope="col">
            <span className="visually-hidden">Change</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {changes.map((row) => (
          <tr key={row.keyword} className={`${styles[`change-${row.change}`]}`} data-testid="capability-row" data-keyword={row.keyword} data-change={row.change}>
            <td className="mono" data-testid="capability-before">
              {row.before === undefined ? <span className={styles['absent']}>—</span> : <VisibleText text={row.before} />}
            </td>
            <td className="mono" data-testid="capability-after">
              {row.after === undefined ? <span className={styles['absent']}>—</span> : <VisibleText text={row.after} />}
            </td>
            <td>{row.change !== 'same' && <span className={`${styles['change-badge']} ${styles[`badge-${row.change}`]}`}>{CHANGE_NOTE[row.change]}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** One EHLO list, when there is nothing to compare it with. */
export function CapabilityList({ capabilities, heading }: { capabilities: Capabilities; heading: string }) {
  return (
    <div className={styles['capability-list']} data-testid="capability-list">
      <h3>{heading}</h3>
      {capabilities.helo ? (
        <p className="muted">None: the server only took HELO (no ESMTP extensions).</p>
      ) : (
        <ul className="mono">
          {capabilities.raw.map((line) => (
            <li key={line}>
              <VisibleText text={line} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
