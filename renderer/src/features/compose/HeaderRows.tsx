import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { CloseIcon } from '../../shared/icons'
import { headerNameError, headerValueError } from '../../domain/header-rules'
import styles from './compose.module.css'

/** Extra header fields, one name/value row each, checked as typed. */
export function HeaderRows() {
  const store = useAppStoreApi()
  const headers = useAppStore((state) => state.compose.headers)
  const fieldErrors = useAppStore((state) => state.compose.fieldErrors)
  const actions = store.getState()
  return (
    <div className="field headers" data-testid="custom-headers">
      <div className="field-row">
        <span className="label">Headers</span>
        <button type="button" data-testid="add-header" onClick={() => actions.addHeader()}>
          Add header
        </button>
      </div>
      {headers.map((row, position) => {
        const blank = row.name === '' && row.value === ''
        const nameError = blank ? undefined : headerNameError(row.name.trim())
        const valueError = headerValueError(row.value)
        const serverError = fieldErrors[`header ${row.name.trim()}`] ?? fieldErrors[`headers[${position}]`]
        const error = nameError ?? valueError ?? serverError
        return (
          <div key={row.id} className={`${styles['header-row']}${error ? ' has-error' : ''}`} data-testid="header-row">
            <input
              type="text"
              className="mono"
              aria-label={`Header ${position + 1} name`}
              placeholder="X-Header"
              spellCheck={false}
              value={row.name}
              aria-invalid={nameError ? true : undefined}
              onChange={(event) => actions.updateHeader(row.id, { name: event.target.value })}
            />
            <span className={styles['colon']}>:</span>
            <input
              type="text"
              aria-label={`Header ${position + 1} value`}
              placeholder="value"
              value={row.value}
              aria-invalid={valueError ? true : undefined}
              onChange={(event) => actions.updateHeader(row.id, { value: event.target.value })}
            />
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove header ${row.name || position + 1}`}
              onClick={() => actions.removeHeader(row.id)}
            >
              <CloseIcon />
            </button>
            {error && (
              <p className="field-error" data-testid="header-error">
                {error}
              </p>
            )}
          </div>
        )
      })}
    </div>
  )
}
