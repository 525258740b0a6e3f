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
        direction="columns"
        storageKey="mailwire.split"
        initial={0.4}
        min={0.25}
        max={0.7}
        label="Resize the compose and session panes"
        first={<ComposeForm />}
        second={
          <SplitPane
            direction="rows"
            storageKey="mailwire.split.log"
            initial={0.62}
            min={0.2}
            max={0.9}
            label="Resize the wire log and the result"
            first={<WireLog />}
            second={<ResultPanel />}
          />
        }
      />
    </div>
  )
}
