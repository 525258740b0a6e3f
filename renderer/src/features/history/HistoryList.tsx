import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { formatFullTime, formatWhen } from '../../shared/format-time'
import { VisibleText } from '../wire-log/VisibleText'
import { STATUS_LABELS } from '../result/status-text'

/** Saved sessions, newest first: when, where to, from whom, to how many, what, and how it ended. */
export function HistoryList() {
  const store = useAppStoreApi()
  const list = useAppStore((state) => state.history.list)
  const loaded = useAppStore((state) => state.history.loaded)
  const loadError = useAppStore((state) => state.history.loadError)
  const openId = useAppStore((state) => state.history.open?.id)

  return (
    <div className="history-list-pane">
      <div className="list-head">
        <h2 className="list-heading">History</h2>
        <span className="muted">{list.length === 1 ? '1 session' : `${list.length} sessions`}, newest first</span>
      </div>
      {loadError && <p className="field-error">History could not be read: {loadError}</p>}
      {loaded && list.length === 0 && !loadError ? (
        <div className="list-empty" data-testid="history-empty">
          <p>No sessions yet.</p>
          <p className="hint">Every send is saved here with its transcript and result.</p>
        </div>
      ) : (
        <ul className="record-list" aria-label="Saved sessions" data-testid="history-list">
          {list.map((entry) => (
            <li key={entry.id}>
              <button
                type="button"
                className="record-row"
                aria-current={entry.id === openId ? 'true' : undefined}
                data-testid="history-row"
                data-id={entry.id}
                data-status={entry.status}
                onClick={() => void store.getState().openHistoryEntry(entry.id)}
              >
                <span className="row-line">
                  <span className={`status-pill status-${entry.status}`}>{STATUS_LABELS[entry.status]}</span>
                  <span className="row-main" title={`${entry.profileName} (${entry.host}:${entry.port})`}>
                    <VisibleText text={entry.profileName || entry.host} />
                  </span>
                  <span className="row-time mono" title={formatFullTime(entry.startedAt)}>
                    {formatWhen(entry.startedAt)}
                  </span>
                </span>
                <span className="row-line">
                  <span className="row-subject">
                    {entry.subject ? <VisibleText text={entry.subject} /> : <span className="muted">(no subject)</span>}
                  </span>
                </span>
                <span className="row-line row-detail muted">
                  <span className="row-to">
                    <VisibleText text={entry.from || '<>'} /> → {entry.recipients === 1 ? '1 recipient' : `${entry.recipients} recipients`}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
