import type { KeyboardEvent } from 'react'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import styles from './console.module.css'

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform)

/**
 * After the server's 354: the message, typed or pasted, sent only by End data. The engine
 * doubles a dot that starts a line (RFC 5321 4.5.2), so a lone "." in the text is part of
 * the message and can never end it; End data alone sends CRLF.CRLF.
 */
export function DataEntry() {
  const store = useAppStoreApi()
  const body = useAppStore((state) => state.smtpConsole.body)
  const pending = useAppStore((state) => state.smtpConsole.pending)
  const sending = pending === 'data'

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      // Not the window's Ctrl+Enter, which sends the Send view's message.
      event.stopPropagation()
      void store.getState().endConsoleData()
    }
  }

  return (
    <section className={styles['data-entry']} aria-label="Message data" data-testid="console-data-entry">
      <p className={styles['data-entry-help']}>
        <strong>DATA:</strong> the server waits for the message: headers, an empty line, then the body. A line holding
        only <code>.</code> is sent as <code>..</code> and arrives as <code>.</code>: only <em>End data</em> ends the
        message.
      </p>
      <textarea
        className="mono"
        data-testid="console-data"
        data-console-input
        aria-label="Message (headers, empty line, body)"
        spellCheck={false}
        rows={8}
        disabled={sending}
        value={body}
        placeholder={'Subject: Hello\n\nThe body.\n'}
        onChange={(event) => store.getState().setConsoleBody(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className={styles['data-entry-actions']}>
        <button type="button" className="primary" data-testid="console-end-data" disabled={sending} onClick={() => void store.getState().endConsoleData()}>
          End data <span className={`mono ${styles['end-data-bytes']}`}>CRLF.CRLF</span>
        </button>
        <span className="hint">
          <kbd>{isMac ? '⌘' : 'Ctrl'}</kbd>+<kbd>Enter</kbd> ends the data too
        </span>
      </div>
    </section>
  )
}
