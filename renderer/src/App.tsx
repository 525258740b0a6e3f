import { useAppStore, useAppStoreApi } from './store/store-context'
import { useGlobalShortcuts } from './shared/use-global-shortcuts'
import { useSessionFileDrop } from './shared/use-session-file-drop'
import { ViewTabs } from './app/ViewTabs'
import { VIEWS } from './app/views'

/** The window: a header with the view tabs, then the active view. */
export function App() {
  const store = useAppStoreApi()
  useGlobalShortcuts(store)
  useSessionFileDrop(store)
  const view = useAppStore((state) => state.view)
  const active = VIEWS.find((entry) => entry.id === view) ?? VIEWS[0]!
  return (
    <div className="app" data-testid="app">
      <header className="app-header">
        <h1 className="app-title">
          <span className="logo" aria-hidden="true">
            ⇄
          </span>
          Mailwire
        </h1>
        <ViewTabs />
        <span className="app-tagline">compose, send, and watch every byte of the SMTP session</span>
      </header>
      {/* The main landmark holds the view, so every part of the page is in a landmark. */}
      <main className="view-main">
        <div id="view-panel" className="view-panel" role={VIEWS.length > 1 ? 'tabpanel' : undefined} aria-labelledby={VIEWS.length > 1 ? `view-tab-${active.id}` : undefined}>
          {active.render()}
        </div>
      </main>
    </div>
  )
}
