import type { ReactNode } from 'react'
import type { ViewId } from '../store/navigation-slice'
import { SendView } from './SendView'
import { HistoryView } from '../features/history/HistoryView'
import { InboxView } from '../features/inbox/InboxView'
import { ConsoleView } from '../features/console/ConsoleView'
import { ProbeView } from '../features/probe/ProbeView'

export interface ViewDefinition {
  id: ViewId
  label: string
  render(): ReactNode
}

/** The top-level views, in tab order (Ctrl/Cmd+1… selects them). Add a view here. */
export const VIEWS: readonly ViewDefinition[] = [
  { id: 'send', label: 'Send', render: () => <SendView /> },
  { id: 'inbox', label: 'Inbox', render: () => <InboxView /> },
  { id: 'history', label: 'History', render: () => <HistoryView /> },
  { id: 'console', label: 'Console', render: () => <ConsoleView /> },
  { id: 'probe', label: 'Probe', render: () => <ProbeView /> },
]
