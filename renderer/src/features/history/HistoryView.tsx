import { useEffect } from 'react'
import { useAppStoreApi } from '../../store/store-context'
import { ListDetail } from '../../shared/ListDetail'
import { HistoryEntryPanel } from './HistoryEntryPanel'
import { HistoryList } from './HistoryList'
import styles from './history.module.css'

/** Every saved session, newest first; open one to read its transcript and result again. */
export function HistoryView() {
  const store = useAppStoreApi()
  useEffect(() => {
    void store.getState().loadHistory()
  }, [store])
  return (
    <div className={styles['history-view']} data-testid="history-view">
      <ListDetail
        storageKey="mailwire.split.history"
        label="Resize the session list and the session"
        list={<HistoryList />}
        detail={<HistoryEntryPanel />}
      />
    </div>
  )
}
