import { RowOffsets } from './row-offsets'

/** The part of the wire-log model the layout follows (WireLogModel has it). */
export interface ListRows {
  readonly rowCount: number
  /** Events dropped from the front; also the absolute index of the first event held. */
  readonly dropped: number
  /** Changes when the rows are rebuilt rather than appended to or dropped from. */
  readonly listVersion: number
  /** Rows dropped from the front since the last rebuild. */
  readonly rowsDropped: number
  rowIndex(position: number): number
  rowPosition(index: number): number
}

/**
 * What the virtualized list knows about its scroller: scroll offset, viewport size, and
 * the heights of rows measured taller or shorter than one line. A small external store
 * (subscribe / getVersion, for useSyncExternalStore), so scroll events and measurements
 * re-render the list without React state in effects.
 *
 * Measured heights are kept by absolute event index, because they belong to the event,
 * and projected onto list positions (RowOffsets) for the current filter. Appending rows
 * needs no projection; a new filter, dropped rows or a new session rebuild it in
 * O(k log n) for k measured rows.
 */
export class ListViewport {
  readonly offsets: RowOffsets
  scrollTop = 0
  height = 0
  width = 0
  /** Rows in the list, banner included, as of the last sync. */
  count = 0
  private readonly measured = new Map<number, number>()
  private listeners = new Set<() => void>()
  private version = 0
  /** px the scroller must still move to match scrollTop (see takeCorrection). */
  private correction = 0
  private source?: { rows: ListRows; listVersion: number; rowsDropped: number; lead: number }

  constructor(readonly rowHeight: number) {
    this.offsets = new RowOffsets(rowHeight)
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getVersion = (): number => this.version

  /**
   * Records the scroller's offset. `quiet`: without re-rendering, for offsets the list
   * set itself (pinned to the end while following, where the render does not read it).
   */
  setScrollTop(top: number, quiet = false): void {
    if (top === this.scrollTop) return
    this.scrollTop = top
    if (!quiet) this.changed()
  }

  setSize(height: number, width: number): void {
    if (height === this.height && width === this.width) return
    this.height = height
    this.width = width
    this.changed()
  }

  /**
   * Brings the offsets in line with the rows shown, `lead` rows (the "dropped" banner)
   * before the first event. Called on every render; it rebuilds only when the list changed
   * other than by appending. When the cap dropped rows from the front, the rows that
   * remain move up: unless following, scrollTop moves with them (see takeCorrection), so
   * what the user reads stays in view.
   */
  sync(rows: ListRows, lead: number, following: boolean): void {
    this.count = rows.rowCount + lead
    const source = this.source
    if (source && source.rows === rows && source.listVersion === rows.listVersion && source.rowsDropped === rows.rowsDropped && source.lead === lead) return
    if (source && source.rows !== rows) this.measured.clear()
    if (source && source.rows === rows && source.listVersion === rows.listVersion && !following) {
      // Where the first remaining row was, and where it is now (after the banner).
      const before = this.offsets.offsetOf(source.lead + rows.rowsDropped - source.rowsDropped)
      this.moveScrollTop(lead * this.rowHeight - before)
    }
    this.source = { rows, listVersion: rows.listVersion, rowsDropped: rows.rowsDropped, lead }
    const entries: Array<[number, number]> = []
    for (const [index, height] of this.measured) {
      if (index < rows.dropped) {
        this.measured.delete(index)
        continue
      }
      const position = rows.rowPosition(index)
      if (position < rows.rowCount && rows.rowIndex(position) === index) entries.push([position + lead, height])
    }
    this.offsets.reset(entries)
  }

  /**
   * Records the heights of rendered rows: `indices[i]` (absolute event index) is at list
   * position `start + i` and measured `heights[i]` px (0 = not laid out: ignored).
   * Returns how far scrollTop must move so the rows in view stay where they are: rows
   * wholly above the viewport that changed height would otherwise push them. While
   * following the end, nothing is kept in place (the list pins to the end instead).
   */
  measure(start: number, indices: readonly number[], heights: readonly number[], following: boolean): number {
    let shift = 0
    let changed = false
    for (let i = 0; i < indices.length; i++) {
      const height = heights[i]!
      if (!(height > 0)) continue
      const position = start + i
      const before = this.offsets.heightOf(position)
      if (height === before) continue
      if (!following && this.offsets.offsetOf(position) + before <= this.scrollTop + shift) shift += height - before
      this.offsets.setHeight(position, height)
      if (height === this.rowHeight) this.measured.delete(indices[i]!)
      else this.measured.set(indices[i]!, height)
      changed = true
    }
    this.moveScrollTop(shift)
    if (changed) this.changed()
    return shift
  }

  /**
   * How far the scroller must move to match scrollTop after rows above the view changed:
   * applied relative to where it is (a user scroll not yet reported is kept), once.
   */
  takeCorrection(): number {
    const correction = this.correction
    this.correction = 0
    return correction
  }

  private moveScrollTop(delta: number): void {
    if (delta === 0) return
    const top = Math.max(0, this.scrollTop + delta)
    this.correction += top - this.scrollTop
    this.scrollTop = top
  }

  private changed(): void {
    this.version++
    for (const listener of this.listeners) listener()
  }
}
