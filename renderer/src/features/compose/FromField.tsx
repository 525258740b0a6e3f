import { useId, useState } from 'react'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { parseRecipientList } from '../../domain/recipient-parse'

/** The sender: one address, optionally with a name. Checked when the field is left. */
export function FromField() {
  const store = useAppStoreApi()
  const from = useAppStore((state) => state.compose.from)
  const serverError = useAppStore((state) => state.compose.fieldErrors['from'])
  const [touched, setTouched] = useState(false)
  const id = useId()
  const errorId = useId()
  const parsed = parseRecipientList(from)
  const localError =
    from.trim() === '' ? undefined : parsed.length !== 1 ? 'give exactly one sender address' : parsed[0]!.error
  const error = serverError ?? (touched ? localError : undefined)
  return (
    <div className={`field${error ? ' has-error' : ''}`} data-testid="field-from">
      <label htmlFor={id}>From</label>
      <input
        id={id}
        type="text"
        data-testid="from-input"
        autoComplete="email"
        spellCheck={false}
        placeholder="you@example.com"
        value={from}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => store.getState().setFrom(event.target.value)}
        onBlur={() => setTouched(true)}
      />
      {error && (
        <p className="field-error" id={errorId} data-testid="from-error">
          {error}
        </p>
      )}
    </div>
  )
}
