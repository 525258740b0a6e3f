import { useShallow } from 'zustand/react/shallow'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { faultLabels } from './fault-labels'
import styles from './inbox.module.css'

/**
 * Beside Send: the local inbox will misbehave on purpose. Shown only while the local inbox
 * profile is selected and a fault preset is on, so a refused send is never a mystery.
 */
export function InboxFaultNotice() {
  const store = useAppStoreApi()
  const { toLocalInbox, faults } = useAppStore(
    useShallow((state) => ({
      toLocalInbox: state.profiles.list.find((profile) => profile.id === state.profiles.selectedId)?.kind === 'local-inbox',
      faults: state.inbox.faults,
    })),
  )
  const labels = faultLabels(faults)
  if (!toLocalInbox || labels.length === 0) return null
  return (
    <p className={styles['inbox-fault-notice']} role="status" data-testid="send-fault-notice">
      <span className={styles['fault-flag']}>Faults on</span>
      <span className={styles['fault-list']}>{labels.join(' · ')}</span>
      <button type="button" className="link-button" onClick={() => store.getState().showView('inbox')}>
        Change
      </button>
    </p>
  )
}
