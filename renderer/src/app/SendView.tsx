import { ComposeForm } from '../features/compose/ComposeForm'
import { LogAndResult } from '../features/result/LogAndResult'
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
      second={<LogAndResult storageKey="mailwire.split.log" label="Resize the wire log and the result" />}
    />
  )
}
