import type { HistorySummary, OpenedSession, Result, SessionResultEvent } from '../../../preload/contract'
import { sessionFileEntry, type ShownSession } from '../domain/session-file-entry'
import type { AppSlice, StoreDeps } from './app-store'
import type { LogStore, LogStoreFactory } from './log-store'
import { transcriptStore } from './transcript-store'

export interface OpenHistoryEntry {
  id: string
  entry?: ShownSession
  /** Opened from a session file (File > Open session, or dropped): its name. Not in History. */
  fileName?: string
  /** The entry's transcript and result in a store of their own (see log-store.ts). */
  store?: LogStore
  error?: string
}

/** Two sessions side by side: A the one chosen to compare with, B the one that was open. */
export interface HistoryComparison {
  a: ShownSession
  b: ShownSession
}

/** A session file opened in this run, kept so two files can be compared with each other. */
export interface OpenedFileEntry {
  /** "opened:N": unique even when two files share a name. */
  key: string
  name: string
  entry: ShownSession
}

/** Opened files kept for comparing: the last few, the newest first. */
export const MAX_OPENED_FILES = 10

export interface HistoryData {
  /** Newest first, as main keeps them. */
  list: HistorySummary[]
  loaded: boolean
  loadError?: string
  open?: OpenHistoryEntry
  /** The outcome of the last delete, when it failed. */
  notice?: string
  comparison?: HistoryComparison
  /** Session files opened in this run, newest first (offered by Compare beside History). */
  opened?: OpenedFileEntry[]
}

export interface HistorySlice {
  history: HistoryData
  loadHistory(): Promise<void>
  openHistoryEntry(id: string): Promise<void>
  closeHistoryEntry(): void
  removeHistoryEntry(id: string): Promise<void>
  /** A session ended and was saved: its entry joins the top of the list. */
  historySessionSaved(event: SessionResultEvent): void
  /** File > Open session (Ctrl/Cmd+O): main asks for the file; shown in the History view. */
  openSessionFile(): Promise<void>
  /** A file dropped on the window: its text goes to main to be checked, never its path. */
  openDroppedSession(file: File): Promise<void>
  /** Compares the open session with History entry `id`, or an opened file's `opened:N` key (shown instead of the open entry). */
  compareOpenWith(id: string): Promise<void>
  closeComparison(): void
}

export const createHistorySlice =
  ({ api }: StoreDeps, fresh: LogStoreFactory): AppSlice<HistorySlice> =>
  (set, get) => {
    const setHistory = (patch: Partial<HistoryData>) => set((state) => ({ history: { ...state.history, ...patch } }))
    // Several loads may overlap (a send ends while the view opens): the last one asked wins.
    let listRequest = 0
    let openedCount = 0

    /** An opened file replaces the open entry, as opening an entry does; null: the dialog was cancelled. */
    const showOpened = (opened: Result<OpenedSession | null>) => {
      if (opened.ok && opened.value === null) return
      get().showView('history')
      if (!opened.ok) {
        setHistory({ open: { id: 'file', error: opened.error.message } })
        return
      }
      const { name, document } = opened.value!
      const entry = sessionFileEntry(name, document)
      const id = entry.summary.id
      const store = transcriptStore(
        fresh,
        { sessionId: `${id}-${Date.now()}`, events: entry.transcript, ...(entry.result ? { result: entry.result } : {}) },
        get().history.open?.store,
      )
      const kept = [{ key: `opened:${++openedCount}`, name, entry }, ...(get().history.opened ?? [])].slice(0, MAX_OPENED_FILES)
      setHistory({ open: { id, entry, store, fileName: name }, notice: undefined, comparison: undefined, opened: kept })
    }

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
        setHistory({ open: { id }, notice: undefined, comparison: undefined })
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

      openSessionFile: async () => {
        showOpened(await api.history.openFile())
      },

      openDroppedSession: async (file) => {
        let text: string
        try {
          text = await file.text()
        } catch (error) {
          get().showView('history')
          setHistory({ open: { id: `file:${file.name}`, error: `${file.name} could not be read (${(error as Error).message}).` } })
          return
        }
        showOpened(await api.history.readFile(file.name, text))
      },

      compareOpenWith: async (id) => {
        const open = get().history.open?.entry
        if (!open) return
        const file = get().history.opened?.find((item) => item.key === id)
        if (file) {
          setHistory({ comparison: { a: file.entry, b: open }, notice: undefined })
          return
        }
        const other = await api.history.get(id)
        if (!other.ok) {
          setHistory({ notice: `Cannot compare: ${other.error.message}` })
          return
        }
        setHistory({ comparison: { a: other.value, b: open }, notice: undefined })
      },

      closeComparison: () => setHistory({ comparison: undefined }),

      historySessionSaved: (event) => {
        // An empty id: the session could not be saved (disk full); there is nothing to list.
        if (event.historyId) void get().loadHistory()
      },
    }
  }
