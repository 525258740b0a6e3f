import { useEffect } from 'react'
import { useAppStoreApi } from '../../store/store-context'
import { SplitPane } from '../../shared/SplitPane'
import { HistoryEntryPanel } from './HistoryEntryPanel'
import { HistoryList } from './HistoryList'
import '../../shared/record-list.css'
import './history.css'

/** Every saved session, newest first; open one to read its transcript and result again. */
export function HistoryView() {
  const store = useAppStoreApi()
  useEffect(() => {
    void store.getState().loadHistory()
  }, [store])
  return (
    <div className="history-view" data-testid="history-view">
      <SplitPane
        direction="columns"
        storageKey="mailwire.split.history"
        initial={0.34}
        min={0.2}
        max={0.6}
        label="Resize the session list and the session"
        first={<HistoryList />}
        second={<HistoryEntryPanel />}
      />
    </div>
  )
}
