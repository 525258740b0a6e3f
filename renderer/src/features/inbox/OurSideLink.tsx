import { useAppStore, useAppStoreApi } from '../../store/store-context'

/**
 * Our side of the session: the History entry whose queue id is this message's id (the
 * inbox answers the final dot with "250 … queued as <message id>").
 */
export function OurSideLink({ messageId }: { messageId: string }) {
  const store = useAppStoreApi()
  const historyId = useAppStore((state) => state.history.list.find((entry) => entry.queueId === messageId)?.id)
  if (!historyId) {
    return (
      <span className="muted" data-testid="our-side-missing">
        Our side: not in History (another client sent it, or the entry was deleted)
      </span>
    )
  }
  return (
    <button
      type="button"
      className="link-button"
      data-testid="our-side-link"
      onClick={() => {
        const state = store.getState()
        state.showView('history')
        void state.openHistoryEntry(historyId)
      }}
    >
      Our side of this session in History →
    </button>
  )
}
