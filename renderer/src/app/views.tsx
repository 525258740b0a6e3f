import type { ReactNode } from 'react'
import type { ViewId } from '../store/navigation-slice'
import { SendView } from './SendView'
import { HistoryView } from '../features/history/HistoryView'
import { InboxView } from '../features/inbox/InboxView'

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
]
