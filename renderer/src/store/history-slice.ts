import type { HistoryEntry, HistorySummary, SessionResultEvent } from '../../../preload/contract'
import type { AppSlice, StoreDeps } from './app-store'
import type { LogStore, LogStoreFactory } from './log-store'
import { transcriptStore } from './transcript-store'

export interface OpenHistoryEntry {
  id: string
  entry?: HistoryEntry
  /** The entry's transcript and result in a store of their own (see log-store.ts). */
  store?: LogStore
  error?: string
}

export interface HistoryData {
  /** Newest first, as main keeps them. */
  list: HistorySummary[]
  loaded: boolean
  loadError?: string
  open?: OpenHistoryEntry
  /** The outcome of the last delete, when it failed. */
  notice?: string
}

export interface HistorySlice {
  history: HistoryData
  loadHistory(): Promise<void>
  openHistoryEntry(id: string): Promise<void>
  closeHistoryEntry(): void
  removeHistoryEntry(id: string): Promise<void>
  /** A session ended and was saved: its entry joins the top of the list. */
  historySessionSaved(event: SessionResultEvent): void
}

export const createHistorySlice =
  ({ api }: StoreDeps, fresh: LogStoreFactory): AppSlice<HistorySlice> =>
  (set, get) => {
    const setHistory = (patch: Partial<HistoryData>) => set((state) => ({ history: { ...state.history, ...patch } }))
    // Several loads may overlap (a send ends while the view opens): the last one asked wins.
    let listRequest = 0

    return {
      history: { list: [], loaded: false },

      loadHistory: async () => {
        const request = ++listRequest
        const listed = await api.history.list()
        if (request !== listRequest) return
        if (!listed.ok) setHistory({ loaded: true, loadError: listed.error.message })
        else setHistory({ loaded: true, loadError: undefined, list: listed.value })
      },

      openHistoryEntry: async (id) => {
        const previous = get().history.open?.store
        setHistory({ open: { id }, notice: undefined })
        const loaded = await api.history.get(id)
        // The user may have opened another entry meanwhile.
        if (get().history.open?.id !== id) return
        if (!loaded.ok) {
          setHistory({ open: { id, error: loaded.error.message } })
          return
        }
        const entry = loaded.value
        const store = transcriptStore(
          fresh,
          {
            sessionId: `history-${id}`,
            events: entry.transcript,
            result: entry.result,
            historyId: id,
            ...(entry.eml && !entry.eml.kept ? { emlNotKept: entry.eml.reason ?? 'it was not kept' } : {}),
          },
          previous,
        )
        setHistory({ open: { id, entry, store } })
      },

      closeHistoryEntry: () => setHistory({ open: undefined }),

      removeHistoryEntry: async (id) => {
        const removed = await api.history.remove(id)
        if (!removed.ok) {
          setHistory({ notice: `Not deleted: ${removed.error.message}` })
          return
        }
        set((state) => ({
          history: {
            ...state.history,
            list: state.history.list.filter((summary) => summary.id !== id),
            open: state.history.open?.id === id ? undefined : state.history.open,
            notice: undefined,
          },
        }))
      },

      historySessionSaved: (event) => {
        // An empty id: the session could not be saved (disk full); there is nothing to list.
        if (event.historyId) void get().loadHistory()
      },
    }
  }
