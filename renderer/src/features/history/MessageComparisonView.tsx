import type { ArrivedComparison, BodyVerdict, HeaderChange, PartComparison } from '../../../../preload/contract'
import { useAppStoreApi } from '../../store/store-context'
import { formatBytes } from '../../shared/format'
import { VisibleText } from '../wire-log/VisibleText'
import panel from './comparison-panel.module.css'
import styles from './message-comparison.module.css'

const KIND_WORDS: Record<HeaderChange['kind'], string> = { same: '', added: 'added', removed: 'removed', changed: 'changed' }
const POSITION_WORDS = { top: 'at the top', inside: 'among the others', bottom: 'at the end' } as const

const BODY_WORDS: Record<BodyVerdict | PartComparison['verdict'], string> = {
  same: 'the same, byte for byte',
  'line-endings': 'the same but for line endings (CRLF and LF)',
  're-encoded': 're-encoded: another transfer encoding, the same content',
  changed: 'changed',
  'only-sent': 'only in what was sent',
  'only-arrived': 'only in what arrived',
}

function encodingText(part: PartComparison): string {
  if (part.sentEncoding === part.arrivedEncoding || part.sentEncoding === undefined || part.arrivedEncoding === undefined) return part.sentEncoding ?? part.arrivedEncoding ?? ''
  return `${part.sentEncoding} → ${part.arrivedEncoding}`
}

function HeaderRow({ change }: { change: HeaderChange }) {
  return (
    <tr className={panel[change.kind]} data-testid="arrived-header" data-kind={change.kind} data-name={change.name.toLowerCase()}>
      <th scope="row">
        <VisibleText text={change.name} />
        {change.kind !== 'same' && (
          <span className={panel['mark']}>
            {' '}
            · {KIND_WORDS[change.kind]}
            {change.position ? ` ${POSITION_WORDS[change.position]}` : ''}
          </span>
        )}
        {change.refolded && <span className={panel['mark']}> · refolded</span>}
      </th>
      <td className="mono">{change.sent === undefined ? '—' : <VisibleText text={change.sent} />}</td>
      <td className="mono">{change.arrived === undefined ? '—' : <VisibleText text={change.arrived} />}</td>
    </tr>
  )
}

/** Sent versus arrived: the headers side by side (added, changed, removed marked), then the body part by part. */
export function MessageComparisonView({ shown }: { shown: ArrivedComparison }) {
  const store = useAppStoreApi()
  const { comparison } = shown
  // The differences first, in the order the arrived message has them; the unchanged ones after.
  const differing = comparison.headers.filter((change) => change.kind !== 'same')
  const unchanged = comparison.headers.filter((change) => change.kind === 'same')
  return (
    <section className={`${panel['panel']} ${styles['arrived']}`} aria-label="Sent versus arrived" data-testid="sent-vs-arrived" data-body={comparison.body}>
      <header className={panel['head']}>
        <h2>Sent versus arrived</h2>
        <button type="button" data-testid="close-arrived" onClick={() => store.getState().closeArrived()}>
          Close
        </button>
      </header>
      <p className="muted">
        What Mailwire sent ({formatBytes(comparison.sentBytes)}) beside <VisibleText text={shown.arrivedFrom} /> ({formatBytes(comparison.arrivedBytes)}).
      </p>
      <p className={styles['summary']} data-testid="arrived-summary">
        {comparison.summary}
      </p>
      <h3>Headers</h3>
      <table className={`${panel['table']} ${styles['wrapped']}`}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Sent</th>
            <th scope="col">Arrived</th>
          </tr>
        </thead>
        <tbody>
          {differing.map((change, index) => (
            <HeaderRow key={`d${index}`} change={change} />
          ))}
          {unchanged.map((change, index) => (
            <HeaderRow key={`s${index}`} change={change} />
          ))}
        </tbody>
      </table>
      <h3>Body</h3>
      <p data-testid="arrived-body">The body is {BODY_WORDS[comparison.body]}.</p>
      <table className={`${panel['table']} ${styles['wrapped']}`}>
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col">Type</th>
            <th scope="col">Transfer encoding</th>
            <th scope="col">Bytes sent → arrived</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {comparison.parts.map((part) => (
            <tr key={part.path} className={part.verdict === 'same' ? undefined : panel['changed']} data-testid="arrived-part" data-verdict={part.verdict}>
              <th scope="row" className="mono">
                {part.path}
              </th>
              <td className="mono">
                <VisibleText text={part.contentType} />
              </td>
              <td className="mono">
                <VisibleText text={encodingText(part)} />
              </td>
              <td className="mono">
                {part.sentBytes ?? '—'} → {part.arrivedBytes ?? '—'}
              </td>
              <td>{BODY_WORDS[part.verdict]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
