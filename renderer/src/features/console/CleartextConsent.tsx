import { useAppStore, useAppStoreApi } from '../../store/store-context'
import styles from './console.module.css'

/** Asked before credentials leave without TLS (the profile does not allow it by itself). */
export function CleartextConsent() {
  const store = useAppStoreApi()
  const consent = useAppStore((state) => state.smtpConsole.consent)
  if (!consent) return null
  const what = consent.action === 'auth' ? 'Logging in' : 'This AUTH line'
  return (
    <div className={`${styles['console-consent']} warning`} role="alertdialog" aria-labelledby="console-consent-title" data-testid="console-consent">
      <p id="console-consent-title">
        <strong>The connection is not encrypted.</strong> {what} would send the credentials in cleartext: anyone on the
        network path can read them. STARTTLS first protects them.
      </p>
      <div className={styles['consent-actions']}>
        <button type="button" className="danger" data-testid="console-consent-accept" onClick={() => void store.getState().confirmCleartext()}>
          Send them without TLS
        </button>
        <button type="button" data-testid="console-consent-dismiss" autoFocus onClick={() => store.getState().dismissConsent()}>
          Don't send
        </button>
      </div>
    </div>
  )
}
