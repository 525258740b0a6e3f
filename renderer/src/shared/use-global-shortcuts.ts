import { useEffect } from 'react'
import type { AppStore } from '../store/app-store'
import { isRunning } from '../store/session-slice'

/** Ctrl/Cmd+Enter sends from anywhere in the window; Esc cancels a running send. */
export function useGlobalShortcuts(store: AppStore): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const state = store.getState()
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.repeat) {
        event.preventDefault()
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
