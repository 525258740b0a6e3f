import { useState } from 'react'
import type { ShownSession } from '../../domain/session-file-entry'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { LogStoreProvider } from '../../store/log-store-context'
import type { LogStore } from '../../store/log-store'
import { formatFullTime } from '../../shared/format-time'
import { countOf, formatBytes } from '../../shared/format'
import { SubjectText } from '../../shared/SubjectText'
import { VisibleText } from '../wire-log/VisibleText'
import { LogAndResult } from '../result/LogAndResult'
import { CompareControl } from './CompareControl'
import { SessionComparisonView } from './SessionComparisonView'
import { MessageComparisonView } from './MessageComparisonView'
import { SentVsArrivedControl } from './SentVsArrivedControl'
import { SendAgainControl } from './SendAgainControl'
import styles from './history.module.css'
import listStyles from '../../shared/record-list.module.css'

/** The open History entry: what it was, then its transcript and result, read-only. */
export function HistoryEntryPanel() {
  const open = useAppStore((state) => state.history.open)
  const notice = useAppStore((state) => state.history.notice)
  const comparison = useAppStore((state) => state.history.comparison)
  const arrived = useAppStore((state) => state.arrived.shown)
  if (arrived && arrived.historyId === open?.id) return <MessageComparisonView shown={arrived} />
  if (comparison) return <SessionComparisonView comparison={comparison} />
  if (!open) {
    return (
      <div className={listStyles['panel-empty']}>
        <p>Choose a session to read its transcript and result again, export it, or delete it.</p>
        {notice && <p className="field-error">{notice}</p>}
      </div>
    )
  }
  if (open.error) return <p className={`${listStyles['panel-empty']} field-error`}>{open.error}</p>
  if (!open.entry || !open.store) return <p className={`${listStyles['panel-empty']} hint`}>Opening the session…</p>
  return <EntryView key={open.id} id={open.id} entry={open.entry} store={open.store} fileName={open.fileName} />
}

function EntryView({ id, entry, store: transcript, fileName }: { id: string; entry: ShownSession; store: LogStore; fileName?: string | undefined }) {
  const store = useAppStoreApi()
  const notice = useAppStore((state) => state.history.notice)
  const inInbox = useAppStore((state) => fileName === undefined && entry.summary.queueId !== undefined && state.inbox.messages.some((message) => message.id === entry.summary.queueId))
  const [confirmDelete, setConfirmDelete] = useState(false)
  const { summary } = entry
  return (
    <section className={styles['history-entry']} aria-label={fileName === undefined ? 'Saved session' : 'Opened session file'} data-testid="history-entry" data-id={id}>
      <header className={styles['entry-head']}>
        <div className={styles['entry-title-row']}>
          <h2 className={styles['entry-subject']}><SubjectText subject={summary.subject} /></h2>
          {inInbox && (
            <button
              type="button"
              className="link-button"
              data-testid="open-in-inbox"
              onClick={() => {
                const state = store.getState()
                state.showView('inbox')
                void state.openInboxMessage(summary.queueId!)
              }}
            >
              The inbox's side of this session →
            </button>
          )}
          <CompareControl openId={id} host={summary.host} port={summary.port} />
          {fileName === undefined && entry.eml?.kept && <SentVsArrivedControl id={id} inInbox={inInbox} />}
          {fileName === undefined && entry.replay && <SendAgainControl id={id} replay={entry.replay} />}
          {fileName !== undefined ? null : confirmDelete ? (
            <button type="button" className="danger" data-testid="confirm-delete-entry" onClick={() => void store.getState().removeHistoryEntry(id)}>
              Delete it
            </button>
          ) : (
            <button type="button" className="danger-quiet" data-testid="delete-entry" onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          )}
        </div>
        <p className={`${styles['entry-facts']} muted`}>
          {fileName !== undefined && (
            <span data-testid="opened-file">
              Opened from <VisibleText text={fileName} />
            </span>
          )}
          <span>{formatFullTime(summary.startedAt)}</span>
          <span>
            <VisibleText text={summary.profileName} />{' '}
            <span className="mono">
              ({summary.host}:{summary.port})
            </span>
          </span>
          <span>
            <VisibleText text={summary.from || '<>'} /> → {countOf(summary.recipients, 'recipient')}
          </span>
          {entry.eml && !entry.eml.kept && <span>.eml not kept: {entry.eml.reason}</span>}
          {entry.eml?.kept && entry.eml.bytes !== undefined && <span>message {formatBytes(entry.eml.bytes)}</span>}
        </p>
        {notice && <p className="field-error">{notice}</p>}
      </header>
      <LogStoreProvider store={transcript}>
        <LogAndResult storageKey="mailwire.split.history.log" label="Resize the transcript and the result" />
      </LogStoreProvider>
    </section>
  )
}
