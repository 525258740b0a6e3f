import { SplitPane } from '../../shared/SplitPane'
import { WireLog } from '../wire-log/WireLog'
import { ResultPanel } from './ResultPanel'

interface LogAndResultProps {
  /** Where this place's divider is remembered (Send and History keep their own). */
  storageKey: string
  label: string
}

/** A session read top to bottom: its wire log, then its result, a divider between them. */
export function LogAndResult({ storageKey, label }: LogAndResultProps) {
  return (
    <SplitPane
      direction="rows"
      storageKey={storageKey}
      initial={0.62}
      min={0.2}
      max={0.9}
      label={label}
      // The log fills the height; the result takes what it needs, the divider its limit.
      fitSecond
      first={<WireLog />}
      second={<ResultPanel />}
    />
  )
}
