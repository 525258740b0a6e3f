import type { PhaseTiming } from '../../../../preload/contract'
import { formatDuration } from '../wire-log/format-line'
import { waterfallBars } from './phase-groups'
import styles from './result.module.css'

/** Each step of the session on one time axis, like a browser's network waterfall. */
export function PhaseWaterfall({ timings, durationMs }: { timings: readonly PhaseTiming[]; durationMs: number }) {
  const bars = waterfallBars(timings)
  const total = Math.max(durationMs, ...bars.map((b) => b.end), 1)
  const percent = (ms: number) => `${((ms / total) * 100).toFixed(3)}%`
  return (
    <div className={styles['waterfall']} data-testid="waterfall" role="table" aria-label="Time spent in each step">
      {bars.map((bar) => (
        <div className={styles['waterfall-row']} role="row" key={bar.step} data-testid={`waterfall-${bar.step}`}>
          <span className={styles['waterfall-step']} role="rowheader">
            {bar.step}
          </span>
          <span className={styles['waterfall-track']} role="cell" aria-label={`from ${formatDuration(bar.start)} to ${formatDuration(bar.end)}`}>
            {bar.spans.map((span) => (
              <span
                key={span.start}
                className={`${styles['waterfall-bar']} ${styles[`step-${bar.step.toLowerCase()}`]}`}
                data-testid="waterfall-bar"
                style={{ left: percent(span.start), width: `max(2px, ${percent(span.end - span.start)})` }}
              />
            ))}
          </span>
          <span className={styles['waterfall-time']} data-testid="waterfall-time" role="cell">
            {formatDuration(bar.duration)}
          </span>
        </div>
      ))}
    </div>
  )
}
