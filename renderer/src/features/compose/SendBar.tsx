import { useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { isRunning } from '../../store/session-slice'
import { localComposeProblems } from '../../store/compose-model'
import { editorHasChanges } from '../../store/profiles-slice'
import { InboxFaultNotice } from '../inbox/InboxFaultNotice'
import { CopyCommand } from './CopyCommand'
import { CompareWithPrevious } from '../history/CompareWithPrevious'
import { useRefocusWhenLost } from '../../shared/use-refocus-when-lost'
import styles from './compose.module.css'

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform)

/** Send and Cancel, with the shortcuts, and why a send was refused. */
export function SendBar() {
  const store = useAppStoreApi()
  const { status, attempted, startError } = useAppStore(
    useShallow((state) => ({
      status: state.session.status,
      attempted: state.sendAttempt.problems,
      startError: state.sendAttempt.startError,
    })),
  )
  const compose = useAppStore((state) => state.compose)
  const hasProfile = useAppStore((state) => state.profiles.selectedId !== undefined)
  const unsavedServer = useAppStore((state) => editorHasChanges(state.profiles))
  // After a refused attempt, the list follows the form: fixed problems disappear as typed.
  const problems =
    attempted.length === 0
      ? attempted
      : [
          ...(hasProfile && !unsavedServer ? [] : attempted.filter((problem) => problem.field === 'profile')),
          ...localComposeProblems(compose),
        ]
  const running = isRunning(status)
  const sendButton = useRef<HTMLButtonElement>(null)
  const cancelButton = useRef<HTMLButtonElement>(null)
  // Send is disabled while a send runs, and Cancel goes when it ends: the focus moves
  // from one to the other instead of falling to the page.
  useRefocusWhenLost(running, () => (running ? cancelButton.current : sendButton.current))
  return (
    <div className={styles['send-bar']}>
      {(problems.length > 0 || startError) && (
        <div className={styles['send-problems']} role="alert" data-testid="send-problems">
          {startError && (
            <p>
              Not sent: {startError.message}
              {startError.code ? <span className="muted"> ({startError.code})</span> : null}
            </p>
          )}
          {problems.length > 0 && (
            <>
              <p>Not sent yet:</p>
              <ul>
                {problems.map((problem) => (
                  <li key={problem.field}>{problem.message}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {unsavedServer && !running && (
        <p className="hint" data-testid="unsaved-server-notice">
          The server form has changes that are not saved: Send saves them and sends through that server.
        </p>
      )}
      <InboxFaultNotice />
      <div className={styles['send-actions']}>
        <button
          type="button"
          className="primary"
          ref={sendButton}
          data-testid="send-button"
          disabled={running}
          aria-keyshortcuts={isMac ? 'Meta+Enter' : 'Control+Enter'}
          onClick={() => void store.getState().send()}
        >
          {unsavedServer ? 'Save server and send' : 'Send'}
        </button>
        {running && (
          <button
            type="button"
            ref={cancelButton}
            data-testid="cancel-button"
            disabled={status === 'cancelling'}
            aria-keyshortcuts="Escape"
            onClick={() => void store.getState().cancel()}
          >
            Cancel
          </button>
        )}
        <span className="hint">
          <kbd>{isMac ? '⌘' : 'Ctrl'}</kbd>+<kbd>Enter</kbd> sends{running ? ', Esc cancels' : ''}
        </span>
        {!running && <CompareWithPrevious />}
      </div>
      <CopyCommand />
    </div>
  )
}
