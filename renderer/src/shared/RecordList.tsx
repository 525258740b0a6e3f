import type { ReactNode } from 'react'
import { formatFullTime, formatWhen } from './format-time'
import styles from './record-list.module.css'

interface RecordListProps<T> {
  items: readonly T[]
  idOf(item: T): string
  /** The record shown beside the list, marked in it. */
  openId: string | undefined
  onOpen(id: string): void
  label: string
  testId: string
  rowTestId: string
  /** Extra data-* attributes of a row, for tests. */
  rowData?(item: T): Record<`data-${string}`, string>
  /** The row's lines (RecordLine elements). */
  children(item: T): ReactNode
}

/** Records (Inbox messages, History sessions), one button per row, the open one marked. */
export function RecordList<T>({ items, idOf, openId, onOpen, label, testId, rowTestId, rowData, children }: RecordListProps<T>) {
  return (
    <ul className={styles['record-list']} aria-label={label} data-testid={testId}>
      {items.map((item) => {
        const id = idOf(item)
        return (
          <li key={id}>
            <button
              type="button"
              className={styles['record-row']}
              aria-current={id === openId ? 'true' : undefined}
              data-testid={rowTestId}
              data-id={id}
              {...rowData?.(item)}
              onClick={() => onOpen(id)}
            >
              {children(item)}
            </button>
          </li>
        )
      })}
    </ul>
  )
}

/** When a record happened, short in the row and in full on hover. */
export function RecordTime({ iso }: { iso: string }) {
  return (
    <span className={`${styles['row-time']} mono`} title={formatFullTime(iso)}>
      {formatWhen(iso)}
    </span>
  )
}

/** What a list shows before it has records: what is missing, and how to get some. */
export function ListEmpty({ testId, title, hint }: { testId: string; title: string; hint: ReactNode }) {
  return (
    <div className={styles['list-empty']} data-testid={testId}>
      <p>{title}</p>
      <p className="hint">{hint}</p>
    </div>
  )
}
