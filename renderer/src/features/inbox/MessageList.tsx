import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { formatBytes } from '../../shared/format'
import { LockIcon } from '../../shared/icons'
import { ListEmpty, RecordList, RecordTime } from '../../shared/RecordList'
import { SubjectText } from '../../shared/SubjectText'
import { VisibleText } from '../wire-log/VisibleText'
import { recipientsOf, senderOf } from './addresses'
import listStyles from '../../shared/record-list.module.css'

/** What the inbox received, newest first; new mail appears at the top as it arrives. */
export function MessageList() {
  const store = useAppStoreApi()
  const messages = useAppStore((state) => state.inbox.messages)
  const loaded = useAppStore((state) => state.inbox.loaded)
  const openId = useAppStore((state) => state.inbox.open?.id)

  if (loaded && messages.length === 0) {
    return (
      <ListEmpty
        testId="inbox-empty"
        title="No mail yet."
        hint="Send to any address with the “Local test inbox” server selected: it arrives here at once."
      />
    )
  }
  return (
    <RecordList
      items={messages}
      idOf={(message) => message.id}
      openId={openId}
      onOpen={(id) => void store.getState().openInboxMessage(id)}
      label="Received messages"
      testId="inbox-list"
      rowTestId="inbox-row"
    >
      {(message) => (
        <>
          <span className={listStyles['row-line']}>
            <span className={listStyles['row-main']} title={senderOf(message)}>
              <VisibleText text={senderOf(message)} />
            </span>
            <RecordTime iso={message.receivedAt} />
          </span>
          <span className={listStyles['row-line']}>
            <span className={listStyles['row-subject']}>
              <SubjectText subject={message.subject} />
            </span>
            <span className={`${listStyles['row-size']} muted`}>{formatBytes(message.size)}</span>
          </span>
          <span className={`${listStyles['row-line']} ${listStyles['row-detail']} muted`}>
            <span className={listStyles['row-to']}>
              to <VisibleText text={recipientsOf(message)} />
            </span>
            {message.secure && (
              <span className={listStyles['row-secure']} title="arrived inside TLS">
                <LockIcon /> TLS
              </span>
            )}
          </span>
        </>
      )}
    </RecordList>
  )
}
