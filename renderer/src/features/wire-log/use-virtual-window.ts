import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react'
import { ListViewport, type ListRows } from './list-viewport'
import { bottomScrollTop, scrollTopFor, visibleRange, type RowRange, type ScrollAlign } from './windowing'

interface VirtualWindowOptions {
  rows: ListRows
  /** Rows before the first event (the "dropped" banner), each exactly one row tall. */
  lead: number
  /** Pinned to the end: render the last rows and keep the scroller at the bottom. */
  follow: boolean
  rowHeight: number
  overscan: number
}

export interface VirtualWindow {
  /** For the scrolling element. */
  scroller: RefObject<HTMLDivElement | null>
  /** For the element whose children are the rendered rows, in order, from `range.start`. */
  rowsElement: RefObject<HTMLDivElement | null>
  /** List positions to render. */
  range: RowRange
  /** Top of the first rendered row and height of the whole list, px. */
  windowTop: number
  totalHeight: number
  /** Scrolls so the row at `position` shows; the window follows in the same frame. */
  scrollToPosition(position: number, align: ScrollAlign): void
  /** Call from the scroller's scroll event. */
  onScroll(): void
}

/**
 * Windowing for the wire log: which rows to render for the scroll offset, measured once
 * rendered (only rows that are not one line tall are remembered), kept pinned to the end
 * while following. Work per render is the rows in the window, whatever the log's size.
 *
 * Ours rather than @tanstack/react-virtual (issue 19 tried 3.14.26, virtual-core 3.19.11,
 * with the same rows, keys and pinning): its measurements are rebuilt over every row
 * whenever the count changes, i.e. per batch, and the end is reached one scroll event
 * after the render. Benchmark 3 (100,000 events at 10,000/s, 3 interleaved runs each,
 * median, busy 2-core machine): p95 frame 33 ms ours, 83 ms tanstack; frames missed 48
 * and 166 of about 550; last event on screen 0.8 s and 4.7 s after the last send.
 */
export function useVirtualWindow(options: VirtualWindowOptions): VirtualWindow {
  const { rows, lead, follow, rowHeight, overscan } = options
  const scroller = useRef<HTMLDivElement>(null)
  const rowsElement = useRef<HTMLDivElement>(null)
  const [viewport] = useState(() => new ListViewport(rowHeight))
  useSyncExternalStore(viewport.subscribe, viewport.getVersion)
  viewport.sync(rows, lead, follow)
  const count = rows.rowCount + lead
  const offsets = viewport.offsets
  // While following, render the end directly: the batch that grew the list shows in the
  // same frame, not after a scroll event one frame later.
  const top = follow ? bottomScrollTop(offsets, count, viewport.height) : viewport.scrollTop
  const range = visibleRange(offsets, count, top, viewport.height, overscan)
  const windowTop = offsets.offsetOf(range.start)
  const totalHeight = offsets.totalHeight(count)

  // After every commit: measure the rendered rows (one layout the frame needs anyway),
  // keep the rows in view in place, and pin to the end while following.
  useLayoutEffect(() => {
    const element = scroller.current
    const container = rowsElement.current
    if (!element) return
    // The first layout, and test DOMs without ResizeObserver.
    if (viewport.height === 0 && element.clientHeight > 0) viewport.setSize(element.clientHeight, element.clientWidth)
    if (container) {
      const first = Math.max(range.start, lead)
      const indices: number[] = []
      const heights: number[] = []
      for (let position = first; position < range.end; position++) {
        const child = container.children[position - range.start] as HTMLElement | undefined
        if (!child) break
        indices.push(rows.rowIndex(position - lead))
        heights.push(child.offsetHeight)
      }
      viewport.measure(first, indices, heights, follow)
    }
    const correction = viewport.takeCorrection()
    if (correction !== 0 && !follow) element.scrollTop += correction
    if (follow) {
      const bottom = bottomScrollTop(offsets, count, viewport.height)
      if (element.scrollTop !== bottom) element.scrollTop = bottom
      viewport.setScrollTop(element.scrollTop, true)
    }
  })

  useEffect(() => {
    const element = scroller.current
    if (!element || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => viewport.setSize(element.clientHeight, element.clientWidth))
    observer.observe(element)
    return () => observer.disconnect()
  }, [viewport])

  const scrollToPosition = useCallback(
    (position: number, align: ScrollAlign) => {
      const element = scroller.current
      if (!element) return
      const target = scrollTopFor(viewport.offsets, viewport.count, position, align, element.scrollTop, viewport.height)
      if (target !== element.scrollTop) element.scrollTop = target
      viewport.setScrollTop(element.scrollTop)
    },
    // Stable across batches: an effect that scrolls to a row must not run again per batch.
    [viewport],
  )

  // The scroll event of the list's own pinning finds the offset already recorded: no render.
  const onScroll = useCallback(() => {
    const element = scroller.current
    if (element) viewport.setScrollTop(element.scrollTop)
  }, [viewport])

  return { scroller, rowsElement, range, windowTop, totalHeight, scrollToPosition, onScroll }
}
