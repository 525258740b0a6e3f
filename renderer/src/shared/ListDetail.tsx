import type { ReactNode } from 'react'
import { SplitPane } from './SplitPane'

interface ListDetailProps {
  /** Where this view's divider is remembered. */
  storageKey: string
  label: string
  list: ReactNode
  detail: ReactNode
}

/** A list on the left and the open item on the right (Inbox, History). */
export function ListDetail({ storageKey, label, list, detail }: ListDetailProps) {
  return (
    <SplitPane direction="columns" storageKey={storageKey} initial={0.34} min={0.2} max={0.6} label={label} first={list} second={detail} />
  )
}
