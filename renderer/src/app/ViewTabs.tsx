import { useEffect } from 'react'
import { useAppStore } from '../store/store-context'
import { VIEWS } from './views'

/** The view switcher in the header: a tab list, keyboard reachable, Ctrl/Cmd+digit jumps. */
export function ViewTabs() {
  const view = useAppStore((state) => state.view)
  const showView = useAppStore((state) => state.showView)

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
    <nav className="view-tabs" role="tablist" aria-label="Views">
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
