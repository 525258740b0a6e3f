import { compareSessions, type StepChange, type StepComparison } from '../../../../preload/contract'
import type { HistoryComparison } from '../../store/history-slice'
import { useAppStoreApi } from '../../store/store-context'
import { formatFullTime } from '../../shared/format-time'
import { SubjectText } from '../../shared/SubjectText'
import { VisibleText } from '../wire-log/VisibleText'
import { documentOfShown } from '../../domain/session-file-entry'
import panel from './comparison-panel.module.css'
import styles from './comparison.module.css'

function replyCell(step: StepComparison['a']): string {
  if (!step) return '—'
  if (step.tls) return step.tls.protocol
  if (!step.reply) return 'no reply'
  return step.reply.enhanced ? `${step.reply.code} ${step.reply.enhanced}` : String(step.reply.code)
}

const ms = (value: number | undefined) => (value === undefined ? '' : `${value.toFixed(1)} ms`)
const delta = (value: number | undefined) => (value === undefined ? '' : `${value >= 0 ? '+' : ''}${value.toFixed(1)} ms`)

function changeText(change: StepChange): string {
  if (change.field === 'capability') {
    if (change.a === undefined) return `capability added: ${change.b}`
    if (change.b === undefined) return `capability removed: ${change.a}`
    return `capability changed: ${change.a} → ${change.b}`
  }
  return `${change.field}: ${change.a ?? '(none)'} → ${change.b ?? '(none)'}`
}

function markOf(step: StepComparison): 'same' | 'differs' | 'only-a' | 'only-b' {
  if (!step.a) return 'only-b'
  if (!step.b) return 'only-a'
  return step.differs ? 'differs' : 'same'
}

const MARK_WORDS = { same: '', differs: 'differs', 'only-a': 'only in A', 'only-b': 'only in B' } as const
/** The panel's row marks: a step only in A is as if removed in B, one only in B as if added. */
const MARK_CLASSES = { same: undefined, differs: 'changed', 'only-a': 'removed', 'only-b': 'added' } as const

function panelMark(mark: keyof typeof MARK_CLASSES): string | undefined {
  const name = MARK_CLASSES[mark]
  return name === undefined ? undefined : panel[name]
}

/** Two sessions aligned by step (main/report/session-diff.ts, the same as `mailwire diff`). */
export function SessionComparisonView({ comparison }: { comparison: HistoryComparison }) {
  const store = useAppStoreApi()
  const { a, b } = comparison
  const result = compareSessions(documentOfShown(a), documentOfShown(b))
  return (
    <section className={panel['panel']} aria-label="Two sessions compared" data-testid="session-comparison" data-same={result.same}>
      <header className={panel['head']}>
        <h2>Comparison</h2>
        <button type="button" data-testid="close-comparison" onClick={() => store.getState().closeComparison()}>
          Close comparison
        </button>
      </header>
      <dl className={styles['sides']}>
        {([['A', a, result.outcome.a], ['B', b, result.outcome.b]] as const).map(([name, side, outcome]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>
              <SubjectText subject={side.summary.subject} /> · {formatFullTime(side.summary.startedAt)} · <VisibleText text={side.summary.profileName} />{' '}
              <span className="mono">({side.summary.host}:{side.summary.port})</span> · <strong>{outcome}</strong>
            </dd>
          </div>
        ))}
      </dl>
      <p className={result.same ? styles['verdict-same'] : styles['verdict-differs']} data-testid="comparison-verdict">
        {result.same ? 'Same outcome and the same replies: only the timing differs.' : 'These sessions differ: the marked steps show where.'}
      </p>
      <table className={`${panel['table']} ${styles['steps']}`}>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">Time A</th>
            <th scope="col">Time B</th>
            <th scope="col">Delta</th>
          </tr>
        </thead>
        <tbody>
          {result.steps.map((step) => (
            <tr key={step.key} className={panelMark(markOf(step))} data-testid="comparison-step" data-mark={markOf(step)}>
              <th scope="row">
                <VisibleText text={step.label} />
                {markOf(step) !== 'same' && <span className={panel['mark']}> · {MARK_WORDS[markOf(step)]}</span>}
                {step.changes.map((change, index) => (
                  <div key={index} className={styles['change']} data-testid="comparison-change">
                    <VisibleText text={changeText(change)} />
                  </div>
                ))}
              </th>
              <td className="mono">{replyCell(step.a)}</td>
              <td className="mono">{replyCell(step.b)}</td>
              <td className="mono">{ms(step.aMs)}</td>
              <td className="mono">{ms(step.bMs)}</td>
              <td className="mono">{delta(step.deltaMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.capabilitiesInForce.length > 0 && (
        <div className={styles['in-force']} data-testid="capabilities-in-force">
          <h3>Capabilities in force (the last EHLO of each)</h3>
          <ul>
            {result.capabilitiesInForce.map((change, index) => (
              <li key={index}>
                <VisibleText text={changeText(change)} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
