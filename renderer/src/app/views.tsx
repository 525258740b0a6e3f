import type { ReactNode } from 'react'
import type { ViewId } from '../store/navigation-slice'
import { SendView } from './SendView'

export interface ViewDefinition {
  id: ViewId
  label: string
  render(): ReactNode
}

/** The top-level views, in tab order (Ctrl/Cmd+1… selects them). Add a view here. */
export const VIEWS: readonly ViewDefinition[] = [{ id: 'send', label: 'Send', render: () => <SendView /> }]
