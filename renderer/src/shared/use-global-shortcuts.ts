import { useEffect } from 'react'
import type { AppStore } from '../store/app-store'
import { isRunning } from '../store/session-slice'

/**
 * In the Send view, Ctrl/Cmd+Enter sends from anywhere in it and Esc cancels a running
 * send. Other views (the console, the probe) give these keys their own meaning.
 */
export function useGlobalShortcuts(store: AppStore): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const state = store.getState()
      if (state.view !== 'send') return
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
