import { useEffect, useState } from 'react'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { ListDetail } from '../../shared/ListDetail'
import { LockIcon } from '../../shared/icons'
import { countOf, formatBytes } from '../../shared/format'
import { faultLabels } from './fault-labels'
import { FaultPresets } from './FaultPresets'
import { InboxAnnouncer } from './InboxAnnouncer'
import { MessageList } from './MessageList'
import { MessagePanel } from './MessageView'
import styles from './inbox.module.css'

/**
 * The local test inbox: what it received (live), each message inside out, the session that
 * delivered it from the server's side, and the fault presets. Opening the view starts the
 * inbox when it is not running yet.
 */
export function InboxView() {
  const store = useAppStoreApi()
  useEffect(() => {
    const state = store.getState()
    void state.openInbox()
    // The History entries are the other side of each session: needed for the links.
    void state.loadHistory()
  }, [store])
  return (
    <div className={styles['inbox-view']} data-testid="inbox-view">
      <InboxBar />
      <ListDetail
        storageKey="mailwire.split.inbox"
        label="Resize the message list and the message"
        list={<MessageList />}
        detail={<MessagePanel />}
      />
    </div>
  )
}

function InboxBar() {
  const store = useAppStoreApi()
  const status = useAppStore((state) => state.inbox.status)
  const startError = useAppStore((state) => state.inbox.startError)
  const count = useAppStore((state) => state.inbox.messages.length)
  const faults = useAppStore((state) => state.inbox.faults)
  const active = faultLabels(faults)
  // Open at first when a preset is on, so it is never forgotten.
  const [showFaults, setShowFaults] = useState(active.length > 0)
  const [confirmClear, setConfirmClear] = useState(false)

  return (
    <div className={styles['inbox-top']}>
      <div className={styles['inbox-bar']}>
        <h2 className={styles['inbox-heading']}>Local test inbox</h2>
        {status ? (
          <span className={`${styles['inbox-address']} muted`} data-testid="inbox-address" title={`Certificate SHA-256 ${status.certificateFingerprint}`}>
            <span className="mono">
              {status.host}:{status.port}
            </span>{' '}
            · <LockIcon className={styles['inline-icon']} /> STARTTLS with its own certificate · SIZE {formatBytes(status.maxMessageBytes)} · keeps{' '}
            {status.maxMessages} messages
          </span>
        ) : startError ? (
          <span className="field-error" role="alert">
            {startError}
          </span>
        ) : (
          <span className="muted">Starting…</span>
        )}
        <span className="spacer" />
        <span className={`muted ${styles['inbox-count']}`} data-testid="inbox-count">
          {countOf(count, 'message')}
        </span>
        <InboxAnnouncer />
        <button
          type="button"
          className={active.length > 0 ? `${styles['faults-button']} ${styles['faults-active']}` : styles['faults-button']}
          aria-expanded={showFaults}
          data-testid="faults-button"
          onClick={() => setShowFaults(!showFaults)}
        >
          Faults{active.length > 0 ? ` on (${active.length})` : ''}
        </button>
        {confirmClear ? (
          <button
            type="button"
            className="danger"
            data-testid="confirm-clear-inbox"
            onClick={() => {
              setConfirmClear(false)
              void store.getState().clearInbox()
            }}
          >
            Delete all {count}
          </button>
        ) : (
          <button type="button" className="danger-quiet" data-testid="clear-inbox" disabled={count === 0} onClick={() => setConfirmClear(true)}>
            Clear
          </button>
        )}
      </div>
      {active.length > 0 && (
        <p className={styles['fault-banner']} role="status" data-testid="fault-banner">
          <span className={styles['fault-flag']}>Faults on</span> {active.join(' · ')}
        </p>
      )}
      {showFaults && <FaultPresets />}
    </div>
  )
}
