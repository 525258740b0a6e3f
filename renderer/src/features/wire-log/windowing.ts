// Which rows of the virtualized log to render, and where to scroll to show one: pure
// arithmetic over RowOffsets, so it is tested without a browser.
import type { RowOffsets } from './row-offsets'

/** Rows [start, end) of the list. */
export interface RowRange {
  start: number
  end: number
}

/** The highest scrollTop: the last row's bottom at the viewport's bottom. */
export function bottomScrollTop(offsets: RowOffsets, count: number, viewportHeight: number): number {
  return Math.max(0, offsets.totalHeight(count) - viewportHeight)
}

/**
 * The rows that cover the viewport at `scrollTop`, plus `overscan` rows on each side so a
 * short scroll shows rows already laid out. A viewport of height 0 (not laid out yet,
 * or hidden) still gets the row at `scrollTop`, so the first paint is not empty.
 */
export function visibleRange(
  offsets: RowOffsets,
  count: number,
  scrollTop: number,
  viewportHeight: number,
  overscan: number,
): RowRange {
  if (count <= 0) return { start: 0, end: 0 }
  const top = Math.min(Math.max(0, scrollTop), bottomScrollTop(offsets, count, viewportHeight))
  const first = offsets.positionAt(top, count)
  const last = offsets.positionAt(top + Math.max(0, viewportHeight - 1), count)
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + 1 + overscan) }
}

export type ScrollAlign = 'center' | 'nearest'

/**
 * The scrollTop that shows the row at `position`: centred, or moved the least distance
 * that brings it fully into view ('nearest', which leaves scrollTop alone when it is).
 */
export function scrollTopFor(
  offsets: RowOffsets,
  count: number,
  position: number,
  align: ScrollAlign,
  scrollTop: number,
  viewportHeight: number,
): number {
  const top = offsets.offsetOf(position)
  const height = offsets.heightOf(position)
  let target: number
  if (align === 'center') target = top + height / 2 - viewportHeight / 2
  else if (top < scrollTop) target = top
  else if (top + height > scrollTop + viewportHeight) target = Math.min(top, top + height - viewportHeight)
  else target = scrollTop
  return Math.round(Math.min(Math.max(0, target), bottomScrollTop(offsets, count, viewportHeight)))
}
