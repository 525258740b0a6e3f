import { ComposeForm } from '../features/compose/ComposeForm'
import { WireLog } from '../features/wire-log/WireLog'
import { ResultPanel } from '../features/result/ResultPanel'
import { SplitPane } from '../shared/SplitPane'

/** Compose on the left; the wire log on the right with the result under it. */
export function SendView() {
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
  )
}
