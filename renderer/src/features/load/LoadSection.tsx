import { useId } from 'react'
import type { LoadSnapshot } from '../../../../preload/contract'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { isLoadRunning, LOAD_LIMITS, type LoadForm } from '../../store/load-slice'
import { Disclosure } from '../compose/Disclosure'
import { failureHeading, loadSummary, number, progressOf, transcriptLine } from './load-figures'
import styles from './load.module.css'

/**
 * A load send (issue 18): N copies of the message above over C connections through the
 * selected server, for people testing their own server's limits; the figures live while it
 * runs, Cancel stops every connection. Like `mailwire send --repeat`.
 */
export function LoadSection() {
  const store = useAppStoreApi()
  const load = useAppStore((state) => state.load)
  const update = (patch: Partial<LoadForm>) => store.getState().updateLoadForm(patch)
  const running = isLoadRunning(load)
  const messagesId = useId()
  const connectionsId = useId()
  const errorId = useId()
  const fieldError = (field: string) => (load.error?.field === field ? { 'aria-invalid': true, 'aria-describedby': errorId } : {})

  return (
    <Disclosure title="Load" summary={loadSummary(load)} testId="load-section">
      <p className="hint">Send many copies of this message to a server of yours and see how it holds up: rate, latency, replies, failures.</p>
      <div className={styles['row']}>
        <div className="field">
          <label htmlFor={messagesId}>Messages</label>
          <input id={messagesId} className={styles['count']} inputMode="numeric" data-testid="load-messages" value={load.form.messages} disabled={running} onChange={(event) => update({ messages: event.target.value })} {...fieldError('loadMessages')} />
        </div>
        <div className="field">
          <label htmlFor={connectionsId}>Connections</label>
          <input id={connectionsId} className={styles['count']} inputMode="numeric" data-testid="load-connections" value={load.form.connections} disabled={running} onChange={(event) => update({ connections: event.target.value })} {...fieldError('loadConnections')} />
        </div>
        <div className={styles['actions']}>
          {running ? (
            <button type="button" className="danger-quiet" data-testid="load-cancel" disabled={load.loadId === undefined} onClick={() => void store.getState().cancelLoad()}>
              Cancel load
            </button>
          ) : (
            <button type="button" data-testid="load-start" onClick={() => void store.getState().startLoad()}>
              Start load
            </button>
          )}
        </div>
      </div>
      <label className="toggle">
        <input type="checkbox" data-testid="load-allow-remote" checked={load.form.allowRemote} disabled={running} onChange={(event) => update({ allowRemote: event.target.checked })} {...fieldError('loadAllowRemote')} />
        <span>This server is mine: allow a server that is not on this machine (otherwise only 127.0.0.1, ::1, localhost)</span>
      </label>
      <p className="hint">
        Up to {number(LOAD_LIMITS.messages)} messages over up to {LOAD_LIMITS.connections} connections; each connection pipelines its messages when the server offers it.
      </p>
      {load.error && (
        <p id={errorId} className="field-error" role="alert" data-testid="load-error">
          {load.error.message}
        </p>
      )}
      {load.snapshot && <LoadFigures snapshot={load.snapshot} />}
    </Disclosure>
  )
}

function LoadFigures({ snapshot }: { snapshot: LoadSnapshot }) {
  const latency = snapshot.latencyMs
  const figures: Array<[string, string, string]> = [
    ['Messages/s', number(snapshot.messagesPerSecond), 'rate'],
    ['Latency p50', latency ? `${number(latency.p50)} ms` : '–', 'p50'],
    ['p95', latency ? `${number(latency.p95)} ms` : '–', 'p95'],
    ['p99', latency ? `${number(latency.p99)} ms` : '–', 'p99'],
    ['Accepted', number(snapshot.accepted), 'accepted'],
    ['Failed', number(snapshot.failed), 'failed'],
    ['Not sent', number(snapshot.notSent), 'not-sent'],
    ['Elapsed', `${(snapshot.elapsedMs / 1000).toFixed(1)} s`, 'elapsed'],
  ]
  const state = snapshot.done ? (snapshot.cancelled ? 'cancelled' : 'done') : 'running'
  return (
    <section className={styles['results']} aria-label="Load figures" data-testid="load-figures" data-state={state}>
      <div className={styles['progress']}>
        <progress max={snapshot.requested} value={progressOf(snapshot)} aria-label="Messages done" />
        <span data-testid="load-progress">
          {number(progressOf(snapshot))} of {number(snapshot.requested)} over {snapshot.connections} {snapshot.connections === 1 ? 'connection' : 'connections'}
          {snapshot.done ? (snapshot.cancelled ? ' · cancelled' : ' · done') : ''}
        </span>
      </div>
      <dl className={styles['figures']}>
        {figures.map(([label, value, id]) => (
          <div key={id} className={styles['figure']}>
            <dt>{label}</dt>
            <dd data-testid={`load-figure-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <ul className={styles['codes']} aria-label="Replies" data-testid="load-codes">
        {Object.entries(snapshot.replyCodes).map(([code, count]) => (
          <li key={code} className={code.startsWith('2') ? styles['code-ok'] : styles['code-bad']}>
            {code} ×{number(count)}
          </li>
        ))}
      </ul>
      {snapshot.failures.map((failure) => (
        <details key={failure.key} className={styles['failure']} data-testid="load-failure">
          <summary>{failureHeading(failure)}</summary>
          <pre className={styles['transcript']}>{failure.transcript.map(transcriptLine).join('\n')}</pre>
        </details>
      ))}
    </section>
  )
}
