import { useEffect, type KeyboardEvent as ReactKeyboardEvent } from 'react'
import { useAppStore } from '../store/store-context'
import { useRefocusWhenLost } from '../shared/use-refocus-when-lost'
import { VIEWS } from './views'

/**
 * The view switcher in the header: a tab list, keyboard reachable, Ctrl/Cmd+digit jumps.
 * Only the selected tab is in the Tab order, so the arrow keys, Home and End move between
 * tabs (the WAI-ARIA tabs pattern, activation follows focus).
 */
export function ViewTabs() {
  const view = useAppStore((state) => state.view)
  const showView = useAppStore((state) => state.showView)
  // Ctrl/Cmd+digit, Ctrl/Cmd+Enter from another view, a link to another view: the focused
  // element went with the old view, so the focus goes to the new view's tab.
  useRefocusWhenLost(view, () => document.getElementById(`view-tab-${view}`))

  const onKeyDown = (event: ReactKeyboardEvent<HTMLElement>) => {
    const target = tabForKey(event.key, VIEWS.findIndex((entry) => entry.id === view), VIEWS.length)
    if (target === undefined) return
    event.preventDefault()
    const id = VIEWS[target]!.id
    showView(id)
    document.getElementById(`view-tab-${id}`)?.focus()
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return
      const index = Number(event.key) - 1
      const target = VIEWS[index]
      if (!target) return
      event.preventDefault()
      showView(target.id)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [showView])

  if (VIEWS.length < 2) return null
  return (
    <nav className="view-tabs" role="tablist" aria-label="Views" onKeyDown={onKeyDown}>
      {VIEWS.map((entry, index) => (
        <button
          key={entry.id}
          type="button"
          role="tab"
          id={`view-tab-${entry.id}`}
          aria-selected={entry.id === view}
          aria-controls="view-panel"
          tabIndex={entry.id === view ? 0 : -1}
          className="view-tab"
          data-testid={`view-tab-${entry.id}`}
          title={`${entry.label} (Ctrl+${index + 1})`}
          onClick={() => showView(entry.id)}
        >
          {entry.label}
        </button>
      ))}
    </nav>
  )
}

/** The tab a key moves to (wrapping around), or undefined for other keys. */
function tabForKey(key: string, current: number, count: number): number | undefined {
  switch (key) {
    case 'ArrowRight':
      return (current + 1) % count
    case 'ArrowLeft':
      return (current - 1 + count) % count
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return undefined
  }
}
