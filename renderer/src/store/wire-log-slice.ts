import type { WireBatch, WireEvent } from '../../../preload/contract'
import type { LogSlice, LogStoreDeps } from './log-store'
import { WireLogModel, type LogFilter } from './wire-log-model'

export interface RowSelection {
  /** Absolute event index where the selection started (click). */
  anchor: number
  /** Absolute event index where it ends (shift-click). */
  focus: number
}

export interface UploadProgress {
  bytes: number
  totalBytes?: number
}

export interface WireLogData {
  /** Mutable, see WireLogModel; `version` changes with every change to it. */
  model: WireLogModel
  version: number
  sessionId?: string
  filter: LogFilter
  query: string
  /** Position in the search hits of the highlighted hit, -1 when there is none. */
  activeHit: number
  selection: RowSelection | null
  /** Absolute indices of long lines the user expanded. */
  expanded: ReadonlySet<number>
  /** Absolute indices of TLS boundary rows whose details are open. */
  tlsOpen: ReadonlySet<number>
  /** Auto-scroll: false once the user scrolls up, until "jump to latest". */
  follow: boolean
}

export interface WireLogSlice {
  wireLog: WireLogData
  /** One batch from the main process: one `set`, one render. */
  appendWireBatch(batch: WireBatch): void
  setLogFilter(filter: LogFilter): void
  setLogQuery(query: string): void
  /** Moves the highlighted hit by +1 / -1, wrapping. */
  stepHit(delta: 1 | -1): void
  selectRow(index: number, extend: boolean): void
  clearSelection(): void
  toggleExpanded(index: number): void
  toggleTlsDetails(index: number): void
  setFollow(follow: boolean): void
}

const toggled = (set: ReadonlySet<number>, index: number) => {
  const next = new Set(set)
  if (!next.delete(index)) next.add(index)
  return next
}

/** Latest upload progress in a batch (DATA summaries carry bytes and totalBytes). */
function lastProgress(events: readonly WireEvent[]): UploadProgress | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!
    if (event.bytes !== undefined) {
      return { bytes: event.bytes, ...(event.totalBytes !== undefined ? { totalBytes: event.totalBytes } : {}) }
    }
  }
  return undefined
}

export const createWireLogSlice =
  (deps: LogStoreDeps): LogSlice<WireLogSlice> =>
  (set, get) => {
    const freshLog = (sessionId?: string): WireLogData => ({
      model: new WireLogModel(deps.wireLogCap),
      version: 0,
      ...(sessionId ? { sessionId } : {}),
      filter: get()?.wireLog.filter ?? 'all',
      query: get()?.wireLog.query ?? '',
      activeHit: -1,
      selection: null,
      expanded: new Set(),
      tlsOpen: new Set(),
      follow: true,
    })

    return {
      wireLog: freshLog(),

      appendWireBatch: (batch) => {
        const state = get()
        // A new session id starts a new log; only one session runs at a time.
        const log = state.wireLog.sessionId === batch.sessionId ? state.wireLog : freshLog(batch.sessionId)
        if (log !== state.wireLog) {
          log.model.setFilter(log.filter)
          log.model.setQuery(log.query)
        }
        const hadHits = log.model.hitCount > 0
        const droppedBefore = log.model.dropped
        log.model.append(batch.events)
        const dropped = log.model.dropped - droppedBefore
        const progress = lastProgress(batch.events)
        let activeHit = log.activeHit
        if (!hadHits && log.model.hitCount > 0) activeHit = 0
        else if (dropped > 0 && activeHit >= 0) activeHit = Math.min(activeHit, log.model.hitCount - 1)
        set({
          wireLog: { ...log, version: log.version + 1, activeHit },
          ...(progress ? { session: { ...state.session, progress } } : {}),
        })
      },

      setLogFilter: (filter) => {
        const log = get().wireLog
        log.model.setFilter(filter)
        set({
          wireLog: { ...log, filter, version: log.version + 1, activeHit: log.model.hitCount > 0 ? 0 : -1 },
        })
      },

      setLogQuery: (query) => {
        const log = get().wireLog
        log.model.setQuery(query)
        const found = log.model.hitCount > 0
        // Showing the first hit pauses auto-scroll, or the next batch would scroll it away.
        set({
          wireLog: { ...log, query, version: log.version + 1, activeHit: found ? 0 : -1, follow: found ? false : log.follow },
        })
      },

      stepHit: (delta) => {
        const log = get().wireLog
        const count = log.model.hitCount
        if (count === 0) return
        const activeHit = log.activeHit < 0 ? 0 : (log.activeHit + delta + count) % count
        set({ wireLog: { ...log, activeHit, follow: false } })
      },

      selectRow: (index, extend) => {
        const log = get().wireLog
        const selection =
          extend && log.selection ? { anchor: log.selection.anchor, focus: index } : { anchor: index, focus: index }
        set({ wireLog: { ...log, selection } })
      },

      clearSelection: () => set((state) => ({ wireLog: { ...state.wireLog, selection: null } })),

      toggleExpanded: (index) =>
        set((state) => ({ wireLog: { ...state.wireLog, expanded: toggled(state.wireLog.expanded, index) } })),

      toggleTlsDetails: (index) =>
        set((state) => ({ wireLog: { ...state.wireLog, tlsOpen: toggled(state.wireLog.tlsOpen, index) } })),

      setFollow: (follow) =>
        set((state) => (state.wireLog.follow === follow ? state : { wireLog: { ...state.wireLog, follow } })),
    }
  }
