import { useCallback, useId, useLayoutEffect, useRef, type CSSProperties, type KeyboardEvent, type ReactNode, type WheelEvent } from 'react'
import { useLogStore, useLogStoreApi } from '../../store/log-store-context'
import { WIRE_LOG_CAP } from '../../store/wire-log-model'
import { MarkerLegend } from './MarkerLegend'
import { WireRow } from './WireRow'
import { isSelected, selectedEvents } from './log-selection'
import { formatEventLines } from './format-line'
import { copyText } from '../../shared/clipboard'
import { useVirtualWindow } from './use-virtual-window'
import styles from './wire-log.module.css'

/**
 * Height of a one-line row in px; wire-log.css sizes rows from it (--wire-row). Taller
 * rows (TLS boundary, expanded or wrapped lines) are measured once rendered.
 */
const ROW_HEIGHT = 22
/** Closer than this to the bottom counts as "at the bottom" for auto-scroll. */
const NEAR_BOTTOM_PX = 24
/** Rows moved by Page Up / Page Down. */
const PAGE_ROWS = 20
/** Rows rendered above and below the viewport: a short scroll finds them laid out. */
const OVERSCAN = 10

const ROW_HEIGHT_STYLE = { '--wire-row': `${ROW_HEIGHT}px` } as CSSProperties

interface WireLogListProps {
  onCopied(lines: number): void
}

/** The virtualized list of wire events: only the rows in view are in the DOM. */
export function WireLogList({ onCopied }: WireLogListProps) {
  const store = useLogStoreApi()
  const rowIdPrefix = useId()
  const log = useLogStore((state) => state.wireLog)
  const { model, selection, query, follow } = log
  const hasDropped = model.dropped > 0
  // The "dropped" banner is the list's first row once the cap has dropped events.
  const lead = hasDropped ? 1 : 0
  const count = model.rowCount + lead
  const { scroller, rowsElement, range, windowTop, totalHeight, scrollToPosition, onScroll: recordScroll } = useVirtualWindow({
    rows: model,
    lead,
    follow,
    rowHeight: ROW_HEIGHT,
    overscan: OVERSCAN,
  })

  const activeHitIndex = log.activeHit >= 0 && log.activeHit < model.hitCount ? model.hitIndex(log.activeHit) : -1
  // A layout effect: the hit's rows render before the frame is painted.
  useLayoutEffect(() => {
    if (activeHitIndex >= 0) scrollToPosition(model.rowPosition(activeHitIndex) + lead, 'center')
  }, [activeHitIndex, model, lead, scrollToPosition])

  // Auto-scroll pauses only for the user's own scrolling (wheel, scrollbar drag, keys):
  // taller rows measured or the result panel appearing also move scrollTop, and must not.
  const draggingScrollbar = useRef(false)
  const onScroll = useCallback(() => {
    recordScroll()
    const element = scroller.current
    if (!element) return
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX
    const state = store.getState()
    if (atBottom && !state.wireLog.follow) state.setFollow(true)
    else if (!atBottom && draggingScrollbar.current && state.wireLog.follow) state.setFollow(false)
  }, [store, scroller, recordScroll])
  const onWheel = useCallback(
    (event: WheelEvent<HTMLDivElement>) => {
      if (event.deltaY < 0 && store.getState().wireLog.follow) store.getState().setFollow(false)
    },
    [store],
  )

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const state = store.getState()
    const rows = state.wireLog.model.rowCount
    if (rows === 0) return
    const current = state.wireLog.selection
    const focusPosition = current ? model.rowPosition(current.focus) : -1
    const moveTo = (position: number) => {
      const clamped = Math.max(0, Math.min(rows - 1, position))
      if (clamped < rows - 1) state.setFollow(false)
      state.selectRow(model.rowIndex(clamped), event.shiftKey)
      scrollToPosition(clamped + lead, 'nearest')
      event.preventDefault()
    }
    const mod = event.ctrlKey || event.metaKey
    if (event.key === 'ArrowDown') moveTo(focusPosition + 1)
    else if (event.key === 'ArrowUp') moveTo(focusPosition < 0 ? rows - 1 : focusPosition - 1)
    else if (event.key === 'PageDown') moveTo(focusPosition + PAGE_ROWS)
    else if (event.key === 'PageUp') moveTo((focusPosition < 0 ? rows : focusPosition) - PAGE_ROWS)
    else if (event.key === 'Home') moveTo(0)
    else if (event.key === 'End') moveTo(rows - 1)
    else if (event.key === 'Escape' && current) {
      state.clearSelection()
      event.stopPropagation()
    } else if (mod && event.key.toLowerCase() === 'a') {
      state.selectRow(model.rowIndex(0), false)
      state.selectRow(model.rowIndex(rows - 1), true)
      event.preventDefault()
    } else if (mod && event.key.toLowerCase() === 'c' && current) {
      const events = selectedEvents(model, current)
      void copyText(formatEventLines(events)).then((ok) => ok && onCopied(events.length))
      event.preventDefault()
    }
  }

  const onSelect = useCallback((index: number, extend: boolean) => store.getState().selectRow(index, extend), [store])
  const onToggleExpanded = useCallback((index: number) => store.getState().toggleExpanded(index), [store])
  const onToggleTls = useCallback((index: number) => store.getState().toggleTlsDetails(index), [store])

  const rendered: ReactNode[] = []
  for (let position = range.start; position < range.end; position++) {
    if (position < lead) {
      rendered.push(
        <div key="dropped" className={styles['wire-dropped']} data-testid="wire-dropped" role="row" aria-rowindex={position + 1}>
          <span role="gridcell">
            {model.dropped.toLocaleString('en')} earlier lines dropped (the log keeps the latest{' '}
            {(model.cap ?? WIRE_LOG_CAP).toLocaleString('en')})
          </span>
        </div>,
      )
      continue
    }
    const index = model.rowIndex(position - lead)
    const event = model.event(index)!
    const previous = position > lead ? model.event(model.rowIndex(position - lead - 1)) : undefined
    rendered.push(
      <WireRow
        key={index}
        id={`${rowIdPrefix}-row-${index}`}
        rowIndex={position + 1}
        event={event}
        index={index}
        selected={isSelected(selection, index)}
        activeHit={index === activeHitIndex}
        query={query}
        phaseStart={!previous || previous.phase !== event.phase}
        expanded={log.expanded.has(index)}
        tlsOpen={log.tlsOpen.has(index)}
        onSelect={onSelect}
        onToggleExpanded={onToggleExpanded}
        onToggleTls={onToggleTls}
      />,
    )
  }

  // The row with the keyboard's focus, for screen readers (aria-activedescendant), while
  // it is rendered: the list renders only the rows in view.
  const focusIndex = selection?.focus
  const focusRendered =
    focusIndex !== undefined && model.event(focusIndex) !== undefined && (() => {
      const position = model.rowPosition(focusIndex) + lead
      return position >= range.start && position < range.end
    })()

  return (
    <div
      ref={scroller}
      className={styles['wire-scroller']}
      style={ROW_HEIGHT_STYLE}
      data-testid="wire-log-scroller"
      // A grid of rows, not a listbox: a row holds buttons (reply code, show all, TLS
      // details), which a listbox's options may not. Screen readers walk it row by row.
      role="grid"
      aria-label="Wire log"
      aria-multiselectable="true"
      aria-rowcount={count > 0 ? count : undefined}
      aria-activedescendant={focusRendered ? `${rowIdPrefix}-row-${focusIndex}` : undefined}
      tabIndex={0}
      onScroll={onScroll}
      onWheel={onWheel}
      onPointerDown={(event) => {
        // A press on the scroller itself (not on a row) is a press on its scrollbar.
        draggingScrollbar.current = event.target === event.currentTarget
      }}
      onPointerUp={() => (draggingScrollbar.current = false)}
      onKeyDown={onKeyDown}
    >
      {count === 0 &&
        (model.total === 0 ? (
          <div className={styles['wire-empty']} data-testid="wire-empty" role="row">
            <div role="gridcell">
              <p>Every command and reply of the session appears here as it happens.</p>
              <MarkerLegend />
            </div>
          </div>
        ) : (
          <p className={styles['wire-empty']} data-testid="wire-empty" role="row">
            <span role="gridcell">No lines match this filter.</span>
          </p>
        ))}
      <div className={styles['wire-canvas']} data-testid="wire-canvas" style={{ height: totalHeight }}>
        {/* Rows in normal flow inside one moved block: a row taller than measured pushes
            the rows after it instead of overlapping them. */}
        <div ref={rowsElement} className={styles['wire-window']} data-testid="wire-window" style={{ transform: `translateY(${windowTop}px)` }}>
          {rendered}
        </div>
      </div>
    </div>
  )
}
