import type { WireEvent } from '../../../../preload/contract'
import type { WireLogModel } from '../../store/wire-log-model'
import type { RowSelection } from '../../store/wire-log-slice'

/** The events of the selected rows that the current filter shows, in order. */
export function selectedEvents(model: WireLogModel, selection: RowSelection | null): WireEvent[] {
  if (!selection) return []
  const first = Math.min(selection.anchor, selection.focus)
  const last = Math.max(selection.anchor, selection.focus)
  const events: WireEvent[] = []
  for (let position = model.rowPosition(first); position < model.rowCount; position++) {
    const index = model.rowIndex(position)
    if (index > last) break
    const event = model.event(index)
    if (event) events.push(event)
  }
  return events
}

export function isSelected(selection: RowSelection | null, index: number): boolean {
  if (!selection) return false
  return index >= Math.min(selection.anchor, selection.focus) && index <= Math.max(selection.anchor, selection.focus)
}
