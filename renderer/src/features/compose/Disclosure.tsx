import { useId, useState, type ReactNode } from 'react'
import styles from './envelope.module.css'

/** A part of the form closed by default, its heading saying in one line what it will use. */
export function Disclosure({ title, summary, testId, children }: { title: string; summary: string; testId: string; children: ReactNode }) {
  const [open, setOpen] = useState(false)
  const bodyId = useId()
  return (
    <section className={styles['disclosure']} data-testid={testId} data-open={open}>
      <button
        type="button"
        className={styles['disclosure-toggle']}
        aria-expanded={open}
        aria-controls={bodyId}
        data-testid={`${testId}-toggle`}
        onClick={() => setOpen(!open)}
      >
        <span className={styles['disclosure-arrow']} aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className={styles['disclosure-title']}>{title}</span>
        <span className={`mono ${styles['disclosure-summary']}`} data-testid={`${testId}-summary`}>
          {summary}
        </span>
      </button>
      {open && (
        <div id={bodyId} className={styles['disclosure-body']}>
          {children}
        </div>
      )}
    </section>
  )
}
