import { useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { LINE_BREAK_REFUSAL } from '../../store/console-slice'
import { completeVerb } from './verb-completion'
import { freshCursor, moveInHistory, type HistoryCursor } from './command-history'
import styles from './console.module.css'

/** A paste holding one of these would be several commands: refused, never joined. */
const LINE_BREAK_OR_NUL = /[\r\n\0]/

/** The prompt: one SMTP command per line, sent as typed when Enter is pressed. */
export function CommandLine() {
  const store = useAppStoreApi()
  const history = useAppStore((state) => state.smtpConsole.history)
  const status = useAppStore((state) => state.smtpConsole.status)
  const pending = useAppStore((state) => state.smtpConsole.pending)
  const text = useAppStore((state) => state.smtpConsole.line)
  const setText = (line: string) => store.getState().setConsoleLine(line)
  const [candidates, setCandidates] = useState<string[]>([])
  const cursor = useRef<HistoryCursor>(freshCursor(history))
  const ready = status?.state === 'ready' && pending === undefined
  // After a 334 the next line is a credential: do not show it as typed.
  const secret = status?.lastReply?.code === 334

  const submit = async () => {
    if (!ready) return
    setCandidates([])
    const accepted = await store.getState().sendConsoleLine(text)
    if (accepted) cursor.current = freshCursor(store.getState().smtpConsole.history)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      // Not the window's Ctrl+Enter (Send): in the console, Enter sends this line only.
      event.stopPropagation()
      void submit()
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      const moved = moveInHistory(history, cursor.current, text, event.key === 'ArrowUp' ? -1 : 1)
      if (!moved) return
      event.preventDefault()
      cursor.current = moved.cursor
      setText(moved.text)
    } else if (event.key === 'Tab' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      const completion = completeVerb(text, status?.clientName ?? '')
      // Nothing to complete: Tab moves focus as everywhere else.
      if (!completion) return
      event.preventDefault()
      setText(completion.text)
      setCandidates(completion.candidates.length > 1 ? completion.candidates : [])
    } else if (event.key === 'Escape' && text !== '') {
      event.preventDefault()
      setText('')
      setCandidates([])
    }
  }

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text')
    if (!LINE_BREAK_OR_NUL.test(pasted)) return
    // A text input would silently join the lines into one command: refuse instead.
    event.preventDefault()
    store.getState().refuseConsoleLine(LINE_BREAK_REFUSAL)
  }

  return (
    <form
      className={styles['command-line']}
      data-testid="console-command-line"
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <label className={`${styles['prompt']} mono`} htmlFor="console-input" aria-hidden="true">
        →
      </label>
      <input
        id="console-input"
        className="mono"
        type={secret ? 'password' : 'text'}
        data-testid="console-input"
        data-console-input
        aria-label={secret ? 'Answer to the AUTH challenge (hidden)' : 'SMTP command'}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        placeholder={status?.state === 'ready' ? (secret ? 'answer to the challenge (base64), or * to cancel' : 'type a command: EHLO, MAIL FROM:<…>, RCPT TO:<…>, DATA, QUIT…') : ''}
        disabled={status === undefined || status.state === 'closed' || status.state === 'connecting'}
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          setCandidates([])
        }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
      />
      <button type="submit" className="primary" data-testid="console-send" disabled={!ready}>
        Send line
      </button>
      <span className={`hint ${styles['command-hint']}`} data-testid="console-completions" aria-live="polite">
        {candidates.length > 0 ? (
          <>Tab: {candidates.join(' · ')}</>
        ) : (
          <>
            <kbd>↑</kbd>
            <kbd>↓</kbd> history · <kbd>Tab</kbd> completes the verb
          </>
        )}
      </span>
    </form>
  )
}
