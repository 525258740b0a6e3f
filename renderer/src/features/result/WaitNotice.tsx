import { useEffect, useState } from 'react'
import type { SessionData } from '../../store/session-slice'
import styles from './result.module.css'

const pad = (value: number) => String(value).padStart(2, '0')
const clock = (ms: number) => {
  const date = new Date(ms)
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

/** Whole seconds or minutes and seconds: a wait is read at a glance, not to the millisecond. */
export function formatWaited(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000))
  if (seconds < 60) return `${seconds} s`
  return `${Math.floor(seconds / 60)} min ${pad(seconds % 60)} s`
}

/** The current time, once a second. */
function useSecondTick(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  return now
}

/** What the session waits for, how long it has, and when it will give up: a silent server reads as one. */
export function WaitNotice({ wait }: { wait: NonNullable<SessionData['wait']> }) {
  const now = useSecondTick()
  const waited = now - wait.startedAt
  return (
    <span className={styles['wait']} data-testid="session-wait" data-phase={wait.phase}>
      <span data-testid="wait-what">{wait.what}</span>
      <span className={`muted ${styles['wait-time']}`} data-testid="wait-elapsed">
        waited {formatWaited(waited)}
      </span>
      {wait.timeoutMs !== undefined && (
        <span className={`muted ${styles['wait-time']}`} data-testid="wait-deadline">
          gives up at {clock(wait.startedAt + wait.timeoutMs)} (after {formatWaited(wait.timeoutMs)})
        </span>
      )}
    </span>
  )
}
