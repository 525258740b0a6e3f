import type { WireEvent } from '../../../preload/contract'
import { isProgress, progressRow } from './progress-row'

/**
 * The wire log's data: every event of the session, the positions that pass the current
 * filter, and the positions that match the current search. Everything is updated
 * incrementally, so a batch of 500 events costs 500 predicate checks, not a pass over
 * the 100,000 already held.
 *
 * It is a mutable object on purpose: copying a 200,000-element array for each batch
 * would make a long session quadratic. The store keeps one instance per session and
 * bumps a `version` number in the same `set` that appends, so React re-renders exactly
 * once per batch.
 *
 * Indices are absolute: event number k of the session keeps index k even after older
 * events are dropped, so selection, search hits and expanded rows stay stable.
 */

/** Cap on events kept in memory; the oldest are dropped past it (with a visible row). */
export const WIRE_LOG_CAP = 200_000

export type LogFilter = 'all' | 'exchange' | 'errors'

export const LOG_FILTERS: ReadonlyArray<{ value: LogFilter; label: string }> = [
  { value: 'all', label: 'Everything' },
  { value: 'exchange', label: 'Commands and replies' },
  { value: 'errors', label: 'Errors' },
]

/** RFC 5321 section 4.2.1: 4yz and 5yz replies are failures. */
const FIRST_FAILURE_CODE = 400

const FILTER_TESTS: Record<LogFilter, (event: WireEvent) => boolean> = {
  all: () => true,
  exchange: (event) => event.kind === 'client' || event.kind === 'server',
  errors: (event) =>
    event.kind === 'error' || (event.kind === 'server' && (event.reply?.code ?? 0) >= FIRST_FAILURE_CODE),
}

/** An append-only list of absolute indices whose front can be dropped cheaply. */
class IndexList {
  private items: number[] = []
  private head = 0

  get length(): number {
    return this.items.length - this.head
  }

  at(position: number): number {
    return this.items[this.head + position]!
  }

  push(index: number): void {
    this.items.push(index)
  }

  /** Drops every index below `firstKept`; compacts once half the array is dead. */
  dropBelow(firstKept: number): number {
    const before = this.head
    while (this.head < this.items.length && this.items[this.head]! < firstKept) this.head++
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return this.head - before
  }

  /** Position of the first index >= `index` (binary search; the list is ascending). */
  lowerBound(index: number): number {
    let low = this.head
    let high = this.items.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (this.items[mid]! < index) low = mid + 1
      else high = mid
    }
    return low - this.head
  }

  /** The last index, if any is held. */
  last(): number | undefined {
    return this.items.length > this.head ? this.items[this.items.length - 1] : undefined
  }

  /** Drops the last index (a row replaced in place that no longer matches). */
  pop(): void {
    if (this.items.length > this.head) this.items.pop()
  }

  clear(): void {
    this.items = []
    this.head = 0
  }
}

export class WireLogModel {
  private events: WireEvent[] = []
  /** Absolute index of events[eventsHead]: how many events were dropped. */
  private firstIndex = 0
  private eventsHead = 0
  private rows = new IndexList()
  private hits = new IndexList()
  private lowerQuery = ''

  filter: LogFilter = 'all'
  query = ''
  /** Changes when the filtered rows are rebuilt (a new filter), not when rows come or go. */
  listVersion = 0
  /** Filtered rows dropped from the front by the cap since the last rebuild. */
  rowsDropped = 0

  constructor(readonly cap: number = WIRE_LOG_CAP) {}

  /** Events ever appended in this session. */
  get total(): number {
    return this.firstIndex + this.events.length - this.eventsHead
  }

  /** Events dropped from the front because of the cap. */
  get dropped(): number {
    return this.firstIndex
  }

  /** Events currently held. */
  get size(): number {
    return this.events.length - this.eventsHead
  }

  /** The event with absolute index `index`, if still held. */
  event(index: number): WireEvent | undefined {
    if (index < this.firstIndex) return undefined
    return this.events[this.eventsHead + index - this.firstIndex]
  }

  /** Every held event, oldest first. */
  allEvents(): WireEvent[] {
    return this.events.slice(this.eventsHead)
  }

  /** Rows that pass the filter. */
  get rowCount(): number {
    return this.rows.length
  }

  /** Absolute event index shown at filtered row `position`. */
  rowIndex(position: number): number {
    return this.rows.at(position)
  }

  /** Filtered row position of absolute index `index` (or of the next row after it). */
  rowPosition(index: number): number {
    return this.rows.lowerBound(index)
  }

  /** Search hits (absolute indices), in order. */
  get hitCount(): number {
    return this.hits.length
  }

  hitIndex(position: number): number {
    return this.hits.at(position)
  }

  /** Position in the hit list of the first hit at or after absolute index `index`. */
  hitPosition(index: number): number {
    return this.hits.lowerBound(index)
  }

  append(batch: readonly WireEvent[]): void {
    const test = FILTER_TESTS[this.filter]
    let index = this.total
    for (const received of batch) {
      const event = isProgress(received) ? progressRow(received) : received
      if (event !== received && this.replaceProgress(event, test)) continue
      if (event.kind === 'info' && event.bytes !== undefined) this.completeProgress(event.bytes, test)
      this.events.push(event)
      if (test(event)) {
        this.rows.push(index)
        if (this.matches(event)) this.hits.push(index)
      }
      index++
    }
    this.enforceCap()
  }

  /**
   * A progress count right after another replaces it: one row that updates in place, not
   * one per megabyte. The row keeps its index, so selection and search stay put.
   */
  private replaceProgress(event: WireEvent, test: (event: WireEvent) => boolean): boolean {
    const lastIndex = this.total - 1
    const previous = this.event(lastIndex)
    if (!previous || this.size === 0 || !isProgress(previous)) return false
    this.events[this.events.length - 1] = event
    const hit = this.hits.last() === lastIndex
    if (test(event) && hit !== this.matches(event)) {
      if (hit) this.hits.pop()
      else this.hits.push(lastIndex)
    }
    return true
  }

  /**
   * The summary after the body: the progress row just before it ends at the count the
   * summary gives (progress is throttled, so its last count may lag behind).
   */
  private completeProgress(bytes: number, test: (event: WireEvent) => boolean): void {
    const previous = this.event(this.total - 1)
    if (previous && isProgress(previous) && previous.bytes !== bytes) this.replaceProgress(progressRow({ ...previous, bytes }), test)
  }

  setFilter(filter: LogFilter): void {
    if (filter === this.filter) return
    this.filter = filter
    this.rebuild()
  }

  setQuery(query: string): void {
    if (query === this.query) return
    this.query = query
    this.lowerQuery = query.toLowerCase()
    this.hits.clear()
    if (!this.lowerQuery) return
    for (let position = 0; position < this.rows.length; position++) {
      const index = this.rows.at(position)
      if (this.matches(this.event(index)!)) this.hits.push(index)
    }
  }

  private matches(event: WireEvent): boolean {
    return this.lowerQuery !== '' && event.text.toLowerCase().includes(this.lowerQuery)
  }

  private rebuild(): void {
    const test = FILTER_TESTS[this.filter]
    this.listVersion++
    this.rowsDropped = 0
    this.rows.clear()
    this.hits.clear()
    for (let index = this.firstIndex; index < this.total; index++) {
      const event = this.event(index)!
      if (!test(event)) continue
      this.rows.push(index)
      if (this.matches(event)) this.hits.push(index)
    }
  }

  private enforceCap(): void {
    const excess = this.size - this.cap
    if (excess <= 0) return
    this.eventsHead += excess
    this.firstIndex += excess
    // Compact once the dead prefix is as large as the live part, so memory stays bounded
    // and the copy is amortised over many batches.
    if (this.eventsHead >= this.cap) {
      this.events = this.events.slice(this.eventsHead)
      this.eventsHead = 0
    }
    this.rowsDropped += this.rows.dropBelow(this.firstIndex)
    this.hits.dropBelow(this.firstIndex)
  }
}
