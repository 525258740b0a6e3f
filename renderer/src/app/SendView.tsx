import { ComposeForm } from '../features/compose/ComposeForm'
import { LogAndResult } from '../features/result/LogAndResult'
import { SplitPane } from '../shared/SplitPane'
import { useAppStoreApi } from '../store/store-context'
import { LogStoreProvider } from '../store/log-store-context'

/** Compose on the left; the wire log on the right with the result under it. */
export function SendView() {
  // The live session's log is the app store's own wire log and session (see app-store.ts).
  const live = useAppStoreApi()
  return (
    <SplitPane
      direction="columns"
      storageKey="mailwire.split"
      initial={0.4}
      min={0.25}
      max={0.7}
      label="Resize the compose and session panes"
      first={<ComposeForm />}
      second={
        <LogStoreProvider store={live}>
          <LogAndResult storageKey="mailwire.split.log" label="Resize the wire log and the result" />
        </LogStoreProvider>
      }
    />
  )
}
