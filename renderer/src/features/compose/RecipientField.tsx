import { useId, useLayoutEffect, useRef, type ClipboardEvent, type KeyboardEvent } from 'react'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import type { RecipientChip, RecipientField as Field } from '../../store/compose-slice'
import { CloseIcon } from '../../shared/icons'
import { formatRecipient } from '../../domain/recipient-parse'
import styles from './compose.module.css'
import { classNames } from '../../shared/class-names'

/** Focuses chip number `position`, or the input when there is no such chip. */
function focusChipIn(list: HTMLUListElement | null, input: HTMLInputElement | null, position: number) {
  const items = list?.querySelectorAll<HTMLElement>('[data-chip]')
  if (!items || position < 0 || position >= items.length) input?.focus()
  else items[position]!.focus()
}

const LABELS: Record<Field, string> = { to: 'To', cc: 'Cc', bcc: 'Bcc' }
const SEPARATOR = /[,;\n\r]/

/**
 * Recipients as chips: type and press Enter or comma, or paste a whole list. Invalid
 * entries stay as chips, marked with the reason, so nothing typed disappears.
 */
export function RecipientField({ field }: { field: Field }) {
  const store = useAppStoreApi()
  const chips = useAppStore((state) => state.compose[field])
  const pending = useAppStore((state) => state.compose.pending[field])
  const fieldErrors = useAppStore((state) => state.compose.fieldErrors)
  const inputId = useId()
  const errorId = useId()
  const input = useRef<HTMLInputElement>(null)
  const list = useRef<HTMLUListElement>(null)
  const actions = store.getState()
  const fieldError = fieldErrors[field]

  const focusChip = (position: number) => focusChipIn(list.current, input.current, position)
  const focusAfterRemoval = useRef<number | null>(null)
  useLayoutEffect(() => {
    if (focusAfterRemoval.current === null) return
    focusChipIn(list.current, input.current, focusAfterRemoval.current)
    focusAfterRemoval.current = null
  }, [chips])

  const onInputKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const caretAtStart = event.currentTarget.selectionStart === 0 && event.currentTarget.selectionEnd === 0
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault()
      if (pending.trim()) actions.addRecipients(field, pending)
    } else if (event.key === 'Backspace' && pending === '' && chips.length > 0) {
      event.preventDefault()
      actions.removeLastRecipient(field)
    } else if (event.key === 'ArrowLeft' && caretAtStart && chips.length > 0) {
      event.preventDefault()
      focusChip(chips.length - 1)
    }
  }

  const onChange = (value: string) => {
    const last = Math.max(...[',', ';', '\n', '\r'].map((separator) => value.lastIndexOf(separator)))
    if (last === -1) {
      actions.setPendingRecipient(field, value)
      return
    }
    // "a@x.org, b@y" → chip for a@x.org, keep typing b@y.
    actions.addRecipients(field, value.slice(0, last))
    actions.setPendingRecipient(field, value.slice(last + 1).trimStart())
  }

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData('text')
    if (!SEPARATOR.test(text)) return
    event.preventDefault()
    actions.addRecipients(field, `${pending}${text}`)
  }

  const onChipKeyDown = (event: KeyboardEvent<HTMLElement>, chip: RecipientChip, position: number) => {
    if (event.key === 'Backspace' || event.key === 'Delete') {
      event.preventDefault()
      // Keep the focus nearby once the chip is gone: the chip before it (Backspace) or the
      // one that took its place (Delete), else the input.
      focusAfterRemoval.current = event.key === 'Backspace' ? Math.max(0, position - 1) : position
      actions.removeRecipient(field, chip.id)
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault()
      focusChip(Math.max(0, position - 1))
    } else if (event.key === 'ArrowRight') {
      event.preventDefault()
      focusChip(position + 1)
    }
  }

  return (
    <div className={`field recipients-field${fieldError ? ' has-error' : ''}`} data-testid={`field-${field}`}>
      <label htmlFor={inputId}>{LABELS[field]}</label>
      <div className={styles['chip-box']} onClick={(event) => event.target === event.currentTarget && input.current?.focus()}>
        <ul ref={list} className={styles['chips']} aria-label={`${LABELS[field]} recipients`}>
          {chips.map((chip, position) => {
            const error = chip.error ?? fieldErrors[`${field}[${position}]`]
            const shown = chip.error ? chip.input : formatRecipient(chip)
            return (
              <li
                key={chip.id}
                data-chip
                data-testid="chip"
                data-valid={!error}
                className={classNames(styles['chip'], error && styles['invalid'])}
                tabIndex={0}
                aria-label={`${shown}${error ? `, invalid: ${error}` : ''}. Delete or Backspace removes it.`}
                onKeyDown={(event) => onChipKeyDown(event, chip, position)}
              >
                <span className={styles['chip-text']} data-testid="chip-text">{shown}</span>
                {error && (
                  <span className={styles['chip-error']} data-testid="chip-error">
                    {error}
                  </span>
                )}
                <button
                  type="button"
                  className={styles['chip-remove']}
                  tabIndex={-1}
                  aria-label={`Remove ${shown}`}
                  data-testid="chip-remove"
                  onClick={() => actions.removeRecipient(field, chip.id)}
                >
                  <CloseIcon />
                </button>
              </li>
            )
          })}
        </ul>
        <input
          ref={input}
          id={inputId}
          className={styles['chip-input']}
          data-testid={`${field}-input`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder={chips.length === 0 ? 'name@example.com, …' : ''}
          value={pending}
          aria-describedby={fieldError ? errorId : undefined}
          aria-invalid={chips.some((chip) => chip.error) || undefined}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onInputKeyDown}
          onPaste={onPaste}
          onBlur={() => pending.trim() && actions.addRecipients(field, pending)}
        />
      </div>
      {fieldError && (
        <p className="field-error" id={errorId} data-testid={`${field}-error`}>
          {fieldError}
        </p>
      )}
    </div>
  )
}
