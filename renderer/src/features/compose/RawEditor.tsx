import { useId } from 'react'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { missingRawHeaders } from '../../domain/header-rules'
import styles from './compose.module.css'

/** Raw mode: the whole message as typed, as in a telnet session. */
export function RawEditor() {
  const store = useAppStoreApi()
  const raw = useAppStore((state) => state.compose.raw)
  const error = useAppStore((state) => state.compose.fieldErrors['raw'])
  const id = useId()
  const missing = missingRawHeaders(raw)
  return (
    <div className={`field ${styles['raw-editor']}`} data-testid="raw-editor">
      <label htmlFor={id}>Raw message</label>
      <p className="hint">
        Headers, an empty line, then the body. From and To above still set the envelope (MAIL FROM, RCPT TO).
      </p>
      <textarea
        id={id}
        className="mono"
        data-testid="raw-input"
        spellCheck={false}
        rows={14}
        value={raw}
        placeholder={'From: you@example.com\nTo: them@example.com\nDate: …\nSubject: Hello\n\nBody'}
        onChange={(event) => store.getState().setRaw(event.target.value)}
      />
      {missing.length > 0 && (
        <p className="warning" data-testid="raw-missing">
          The message has no {missing.map((name) => `${name}:`).join(' and no ')} header
          {missing.length > 1 ? 's' : ''}; servers may add or reject it.
        </p>
      )}
      {error && <p className="field-error">{error}</p>}
    </div>
  )
}
