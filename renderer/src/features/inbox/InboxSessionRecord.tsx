import { useAppStore } from '../../store/store-context'
import { LogStoreProvider } from '../../store/log-store-context'
import { WireLog } from '../wire-log/WireLog'
import { VisibleText } from '../wire-log/VisibleText'
import { OurSideLink } from './OurSideLink'
import styles from './inbox.module.css'

/**
 * The session that delivered the message, as the inbox saw it, in the wire log of the
 * Send view (its own store: filter, search and copy work as there). Client lines are what
 * Mailwire (or whichever client) sent; server lines are the inbox's replies.
 */
export function InboxSessionRecord({ messageId }: { messageId: string }) {
  const open = useAppStore((state) => (state.inbox.open?.id === messageId ? state.inbox.open : undefined))
  if (!open) return null
  if (open.recordError) return <p className="field-error">The inbox's record of this session could not be read: {open.recordError}</p>
  const { record, recordStore } = open
  if (!record || !recordStore) return <p className="hint">Reading the inbox's record of the session…</p>
  return (
    <div className={styles['inbox-session']} data-testid="inbox-session">
      <p className={styles['session-facts']}>
        <span>
          The inbox's side of <span className="mono">{record.id}</span>
        </span>
        <span className="muted">
          client <span className="mono">{record.client.address}:{record.client.port}</span>
          {record.heloName && (
            <>
              {' '}
              as <span className="mono"><VisibleText text={record.heloName} /></span>
            </>
          )}
          {record.tls && ` · ${record.tls.protocol}, ${record.tls.cipher}`}
          {record.auth && ` · AUTH ${record.auth.method} as "${record.auth.username}" (test credentials, never checked)`}
          {!record.endedAt && ' · still connected'}
          {record.eventsTruncated && ' · longer than the inbox records'}
        </span>
        <OurSideLink messageId={messageId} />
      </p>
      <LogStoreProvider store={recordStore}>
        <WireLog />
      </LogStoreProvider>
    </div>
  )
}
