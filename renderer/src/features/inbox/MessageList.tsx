import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { formatBytes } from '../../shared/format'
import { formatFullTime, formatWhen } from '../../shared/format-time'
import { LockIcon } from '../../shared/icons'
import { VisibleText } from '../wire-log/VisibleText'
import { recipientsOf, senderOf } from './addresses'

/** What the inbox received, newest first; new mail appears at the top as it arrives. */
export function MessageList() {
  const store = useAppStoreApi()
  const messages = useAppStore((state) => state.inbox.messages)
  const loaded = useAppStore((state) => state.inbox.loaded)
  const openId = useAppStore((state) => state.inbox.open?.id)

  if (loaded && messages.length === 0) {
    return (
      <div className="list-empty" data-testid="inbox-empty">
        <p>No mail yet.</p>
        <p className="hint">Send to any address with the “Local test inbox” server selected: it arrives here at once.</p>
      </div>
    )
  }
  return (
    <ul className="record-list" aria-label="Received messages" data-testid="inbox-list">
      {messages.map((message) => (
        <li key={message.id}>
          <button
            type="button"
            className="record-row"
            aria-current={message.id === openId ? 'true' : undefined}
            data-testid="inbox-row"
            data-id={message.id}
            onClick={() => void store.getState().openInboxMessage(message.id)}
          >
            <span className="row-line">
              <span className="row-main" title={senderOf(message)}>
                <VisibleText text={senderOf(message)} />
              </span>
              <span className="row-time mono" title={formatFullTime(message.receivedAt)}>
                {formatWhen(message.receivedAt)}
              </span>
            </span>
            <span className="row-line">
              <span className="row-subject">
                {message.subject ? <VisibleText text={message.subject} /> : <span className="muted">(no subject)</span>}
              </span>
              <span className="row-size muted">{formatBytes(message.size)}</span>
            </span>
            <span className="row-line row-detail muted">
              <span className="row-to">
                to <VisibleText text={recipientsOf(message)} />
              </span>
              {message.secure && (
                <span className="row-secure" title="arrived inside TLS">
                  <LockIcon /> TLS
                </span>
              )}
            </span>
          </button>
        </li>
      ))}
    </ul>
  )
}
