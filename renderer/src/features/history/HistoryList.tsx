import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { countOf } from '../../shared/format'
import { ListEmpty, RecordList, RecordTime } from '../../shared/RecordList'
import { SubjectText } from '../../shared/SubjectText'
import { VisibleText } from '../wire-log/VisibleText'
import { OUTCOME_LABELS, outcomeOf } from '../result/status-text'
import styles from './history.module.css'
import listStyles from '../../shared/record-list.module.css'
// The pill and its colours are the result's (ResultPanel); the list makes it smaller.
import resultStyles from '../result/result.module.css'

/** Saved sessions, newest first: when, where to, from whom, to how many, what, and how it ended. */
export function HistoryList() {
  const store = useAppStoreApi()
  const list = useAppStore((state) => state.history.list)
  const loaded = useAppStore((state) => state.history.loaded)
  const loadError = useAppStore((state) => state.history.loadError)
  const openId = useAppStore((state) => state.history.open?.id)

  return (
    <div className={styles['history-list-pane']}>
      <div className={listStyles['list-head']}>
        <h2 className={listStyles['list-heading']}>History</h2>
        <span className="muted">{countOf(list.length, 'session')}, newest first</span>
      </div>
      {loadError && <p className="field-error">History could not be read: {loadError}</p>}
      {loaded && list.length === 0 && !loadError ? (
        <ListEmpty
          testId="history-empty"
          title="No sessions yet."
          hint="Send a message from the Send view: every session is saved here with its transcript and result."
        />
      ) : (
        <RecordList
          items={list}
          idOf={(entry) => entry.id}
          openId={openId}
          onOpen={(id) => void store.getState().openHistoryEntry(id)}
          label="Saved sessions"
          testId="history-list"
          rowTestId="history-row"
          rowData={(entry) => ({ 'data-status': entry.status })}
        >
          {(entry) => (
            <>
              <span className={listStyles['row-line']}>
                <span
                  className={`${resultStyles['status-pill']} ${resultStyles[`status-${outcomeOf(entry.status, entry.error?.code)}`]} ${listStyles['status-pill']}`}
                  data-testid="history-outcome"
                >
                  {OUTCOME_LABELS[outcomeOf(entry.status, entry.error?.code)]}
                </span>
                <span className={listStyles['row-main']} title={`${entry.profileName} (${entry.host}:${entry.port})`}>
                  <VisibleText text={entry.profileName || entry.host} />
                </span>
                <RecordTime iso={entry.startedAt} />
              </span>
              <span className={listStyles['row-line']}>
                <span className={listStyles['row-subject']}>
                  <SubjectText subject={entry.subject} />
                </span>
              </span>
              <span className={`${listStyles['row-line']} ${listStyles['row-detail']} muted`}>
                <span className={listStyles['row-to']}>
                  <VisibleText text={entry.from || '<>'} /> → {countOf(entry.recipients, 'recipient')}
                </span>
              </span>
              {entry.error && entry.error.code !== 'ECANCELLED' && (
                <span className={`${listStyles['row-line']} ${listStyles['row-detail']} muted`} data-testid="history-reason">
                  <span className={listStyles['row-to']} title={entry.error.message}>
                    {entry.error.code} <VisibleText text={entry.error.message} />
                  </span>
                </span>
              )}
            </>
          )}
        </RecordList>
      )}
    </div>
  )
}
