import { useEffect } from 'react'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { formatBytes } from '../../shared/format'
import styles from './inbox.module.css'

/** The message as it arrived, after the final dot: fetched when first shown. */
export function RawSource({ messageId }: { messageId: string }) {
  const store = useAppStoreApi()
  const raw = useAppStore((state) => (state.inbox.open?.id === messageId ? state.inbox.open.raw : undefined))
  const error = useAppStore((state) => (state.inbox.open?.id === messageId ? state.inbox.open.rawError : undefined))
  useEffect(() => {
    void store.getState().loadInboxRaw(messageId)
  }, [store, messageId])

  if (error) return <p className="field-error">The raw source could not be read: {error}</p>
  if (!raw) return <p className="hint">Reading the raw source…</p>
  return (
    <div className={styles['raw-source']}>
      {raw.truncated && (
        <p className="warning">
          Showing the first {formatBytes(new TextEncoder().encode(raw.text).length)} of {formatBytes(raw.bytes)}. Save the .eml for all of it.
        </p>
      )}
      <pre className={`${styles['raw-text']} mono`} data-testid="raw-source">
        {raw.text}
      </pre>
    </div>
  )
}
