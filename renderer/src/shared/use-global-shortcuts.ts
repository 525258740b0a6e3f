import { useEffect } from 'react'
import type { AppStore } from '../store/app-store'
import type { ViewId } from '../store/navigation-slice'
import { isRunning } from '../store/session-slice'

/**
 * Views where Ctrl/Cmd+Enter and Esc mean something else (end DATA, send a console line,
 * run a probe). From the others (Inbox, History) Ctrl/Cmd+Enter shows the Send view and
 * sends from there: a message never leaves unseen, and its session is in view.
 */
const VIEWS_WITH_THEIR_OWN_KEYS: ReadonlySet<ViewId> = new Set(['console', 'probe'])

/** Ctrl/Cmd+Enter sends the Send view's message (showing it); Esc cancels a running send. */
export function useGlobalShortcuts(store: AppStore): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const state = store.getState()
      if ((event.key === 'o' || event.key === 'O') && (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && !event.repeat) {
        // File > Open session, from every view.
        event.preventDefault()
        void state.openSessionFile()
        return
      }
      if (VIEWS_WITH_THEIR_OWN_KEYS.has(state.view)) return
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.repeat) {
        event.preventDefault()
        if (state.view !== 'send') state.showView('send')
        void state.send()
      } else if (event.key === 'Escape' && isRunning(state.session.status) && !event.defaultPrevented) {
        event.preventDefault()
        void state.cancel()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [store])
}
