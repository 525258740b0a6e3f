import { useId } from 'react'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import styles from './compose.module.css'

/** Subject and body, with a monospace toggle for text that is laid out by hand. */
export function MessageBody() {
  const store = useAppStoreApi()
  const subject = useAppStore((state) => state.compose.subject)
  const text = useAppStore((state) => state.compose.text)
  const monospace = useAppStore((state) => state.compose.monospace)
  const subjectError = useAppStore((state) => state.compose.fieldErrors['subject'])
  const textError = useAppStore((state) => state.compose.fieldErrors['text'])
  const subjectId = useId()
  const bodyId = useId()
  return (
    <>
      <div className={`field${subjectError ? ' has-error' : ''}`}>
        <label htmlFor={subjectId}>Subject</label>
        <input
          id={subjectId}
          type="text"
          data-testid="subject-input"
          value={subject}
          onChange={(event) => store.getState().setSubject(event.target.value)}
        />
        {subjectError && <p className="field-error">{subjectError}</p>}
      </div>
      <div className={`field ${styles['body-field']}${textError ? ' has-error' : ''}`}>
        <div className="field-row">
          <label htmlFor={bodyId}>Message</label>
          <label className="toggle">
            <input
              type="checkbox"
              data-testid="monospace-toggle"
              checked={monospace}
              onChange={(event) => store.getState().setMonospace(event.target.checked)}
            />
            Monospace
          </label>
        </div>
        <textarea
          id={bodyId}
          data-testid="body-input"
          className={monospace ? 'mono' : ''}
          rows={10}
          value={text}
          onChange={(event) => store.getState().setText(event.target.value)}
        />
        {textError && <p className="field-error">{textError}</p>}
      </div>
    </>
  )
}
