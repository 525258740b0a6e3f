import { useAppStore, useAppStoreApi } from '../../store/store-context'

/** After a send: this session against the previous one to the same server, in one click (History's Compare). */
export function CompareWithPrevious() {
  const store = useAppStoreApi()
  const historyId = useAppStore((state) => (state.session.status === 'done' ? state.session.historyId : undefined))
  // Entries from the list itself (stable objects), so the selection does not change on every render.
  const previous = useAppStore((state) => {
    const list = state.history.list
    const index = list.findIndex((entry) => entry.id === historyId)
    const current = list[index]
    return current ? list.slice(index + 1).find((entry) => entry.host === current.host && entry.port === current.port) : undefined
  })
  if (!historyId || !previous) return null
  const compare = async () => {
    const state = store.getState()
    state.showView('history')
    await state.openHistoryEntry(historyId)
    await store.getState().compareOpenWith(previous.id)
  }
  return (
    <button type="button" data-testid="compare-previous" onClick={() => void compare()}>
      Compare with the previous send to {previous.host}:{previous.port}
    </button>
  )
}
