import { useCallback, useEffect, useLayoutEffect, useRef, type KeyboardEvent, type WheelEvent } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { WIRE_LOG_CAP } from '../../store/wire-log-model'
import { MarkerLegend } from './MarkerLegend'
import { WireRow } from './WireRow'
import { isSelected, selectedEvents } from './log-selection'
import { formatEventLines } from './format-line'
import { copyText } from '../../shared/clipboard'

/** Estimated row height in px; rows are measured once rendered (TLS rows are taller). */
const ROW_HEIGHT = 22
/** Closer than this to the bottom counts as "at the bottom" for auto-scroll. */
const NEAR_BOTTOM_PX = 24
/** Rows moved by Page Up / Page Down. */
const PAGE_ROWS = 20
/** Rows rendered above and below the viewport. */
const OVERSCAN = 16

interface WireLogListProps {
  onCopied(lines: number): void
}

/** The virtualized list of wire events: only the rows in view are in the DOM. */
export function WireLogList({ onCopied }: WireLogListProps) {
  const store = useAppStoreApi()
  const log = useAppStore((state) => state.wireLog)
  const { model, selection, query, follow } = log
  const hasDropped = model.dropped > 0
  const offset = hasDropped ? 1 : 0
  const count = model.rowCount + offset
  const scroller = useRef<HTMLDivElement>(null)

  // The React Compiler is not used here; the virtualizer's functions are called directly.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // React 19 batches the update into the same frame; flushSync from a measurement made
    // during commit only earns a warning.
    useFlushSync: false,
    getItemKey: (position) => (hasDropped && position === 0 ? 'dropped' : model.rowIndex(position - offset)),
  })

  // While following, stay pinned to the end after every render: new batches, rows
  // measured taller than estimated and a smaller viewport all re-render this list.
  useLayoutEffect(() => {
    const element = scroller.current
    if (follow && element && element.scrollHeight > element.clientHeight) element.scrollTop = element.scrollHeight
  })

  const activeHitIndex = log.activeHit >= 0 && log.activeHit < model.hitCount ? model.hitIndex(log.activeHit) : -1
  useEffect(() => {
    if (activeHitIndex < 0) return
    virtualizer.scrollToIndex(model.rowPosition(activeHitIndex) + offset, { align: 'center' })
  }, [activeHitIndex, model, offset, virtualizer])

  // Auto-scroll pauses only for the user's own scrolling (wheel, scrollbar drag, keys):
  // rows re-measured or the result panel appearing also move scrollTop, and must not.
  const draggingScrollbar = useRef(false)
  const onScroll = useCallback(() => {
    const element = scroller.current
    if (!element) return
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX
    const state = store.getState()
    if (atBottom && !state.wireLog.follow) state.setFollow(true)
    else if (!atBottom && draggingScrollbar.current && state.wireLog.follow) state.setFollow(false)
  }, [store])
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
      virtualizer.scrollToIndex(clamped + offset, { align: 'auto' })
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

  return (
    <div
      ref={scroller}
      className="wire-scroller"
      data-testid="wire-log-scroller"
      role="listbox"
      aria-label="Wire log"
      aria-multiselectable="true"
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
          <div className="wire-empty" data-testid="wire-empty">
            <p>Every command and reply of the session appears here as it happens.</p>
            <MarkerLegend />
          </div>
        ) : (
          <p className="wire-empty" data-testid="wire-empty">
            No lines match this filter.
          </p>
        ))}
      <div className="wire-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          if (hasDropped && item.index === 0) {
            return (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="wire-row wire-dropped"
                data-testid="wire-dropped"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {model.dropped.toLocaleString('en')} earlier lines dropped (the log keeps the latest{' '}
                {(model.cap ?? WIRE_LOG_CAP).toLocaleString('en')})
              </div>
            )
          }
          const position = item.index - offset
          const index = model.rowIndex(position)
          const event = model.event(index)!
          const previous = position > 0 ? model.event(model.rowIndex(position - 1)) : undefined
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="wire-slot"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <WireRow
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
              />
            </div>
          )
        })}
      </div>
    </div>
  )
}
