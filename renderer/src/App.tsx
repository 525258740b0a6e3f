import { useAppStoreApi } from './store/store-context'
import { ComposeForm } from './features/compose/ComposeForm'
import { WireLog } from './features/wire-log/WireLog'
import { ResultPanel } from './features/result/ResultPanel'
import { SplitPane } from './shared/SplitPane'
import { useGlobalShortcuts } from './shared/use-global-shortcuts'

/** Compose on the left; the wire log on the right with the result under it. */
export function App() {
  const store = useAppStoreApi()
  useGlobalShortcuts(store)
  return (
    <div className="app" data-testid="app">
      <header className="app-header">
        <h1 className="app-title">
          <span className="logo" aria-hidden="true">
            ⇄
          </span>
          Mailwire
        </h1>
        <span className="app-tagline">compose, send, and watch every byte of the SMTP session</span>
      </header>
      <SplitPane
        left={<ComposeForm />}
        right={
          <div className="session-pane">
            <WireLog />
            <ResultPanel />
          </div>
        }
      />
    </div>
  )
}
