import type {
  ExportOutcome,
  InboxFaults,
  InboxRawSource,
  InboxSession,
  InboxStatus,
  MessageSummary,
  Result,
  SessionSummary,
  StoredMessage,
} from '../../../preload/contract'
import type { AppSlice, StoreDeps } from './app-store'
import type { LogStore, LogStoreFactory } from './log-store'
import { transcriptStore } from './transcript-store'
import { inboxSessionToWire } from '../domain/inbox-session-events'

/** Messages the list holds when the inbox has not said its own bound yet. */
const DEFAULT_LIST_CAP = 500

export interface OpenInboxMessage {
  id: string
  message?: StoredMessage
  error?: string
  /** Fetched when the Raw tab is first shown: it may be megabytes. */
  raw?: InboxRawSource
  rawError?: string
  /** The inbox's own record of the session that delivered the message. */
  record?: InboxSession
  /** That record as wire events, in a store of its own for the WireLog. */
  recordStore?: LogStore
  recordError?: string
}

export interface InboxData {
  /** Known once the inbox runs (the Inbox view starts it). */
  status?: InboxStatus
  startError?: string
  /** Newest first. */
  messages: MessageSummary[]
  loaded: boolean
  open?: OpenInboxMessage
  /** The presets in force; known from the start (reading them does not start the inbox). */
  faults: InboxFaults
  /** Why the last change of presets was refused. */
  faultsError?: string
  /** The outcome of the last save (a path) or removal, when there is something to say. */
  notice?: string
}

export interface InboxSlice {
  inbox: InboxData
  /** Starts the inbox when needed, then loads its address and messages. */
  openInbox(): Promise<void>
  inboxMessageArrived(message: MessageSummary): void
  inboxSessionEnded(session: SessionSummary): void
  openInboxMessage(id: string): Promise<void>
  closeInboxMessage(): void
  loadInboxRaw(id: string): Promise<void>
  loadInboxFaults(): Promise<void>
  /** Replaces the presets; false when main refused them (the reason is in faultsError). */
  setInboxFaults(faults: InboxFaults): Promise<boolean>
  removeInboxMessage(id: string): Promise<void>
  clearInbox(): Promise<void>
  saveInboxAttachment(id: string, index: number): Promise<void>
  saveInboxRaw(id: string): Promise<void>
}

const savedNotice = (saved: Result<ExportOutcome>): string | undefined =>
  !saved.ok ? `Not saved: ${saved.error.message}` : saved.value.saved ? `Saved ${saved.value.path ?? ''}`.trim() : undefined

export const createInboxSlice =
  ({ api }: StoreDeps, fresh: LogStoreFactory): AppSlice<InboxSlice> =>
  (set, get) => {
    const setInbox = (patch: Partial<InboxData>) => set((state) => ({ inbox: { ...state.inbox, ...patch } }))
    /** Updates the open message, if it is still `id` (the user may have moved on). */
    const patchOpen = (id: string, patch: (open: OpenInboxMessage) => Partial<OpenInboxMessage>) =>
      set((state) => {
        const open = state.inbox.open
        if (open?.id !== id) return state
        return { inbox: { ...state.inbox, open: { ...open, ...patch(open) } } }
      })

    const loadRecord = async (messageId: string, sessionId: string) => {
      const loaded = await api.inbox.session(sessionId)
      patchOpen(messageId, (open) => {
        if (!loaded.ok) return { recordError: loaded.error.message }
        const record = loaded.value
        const recordStore = transcriptStore(fresh, { sessionId: `inbox-${record.id}`, events: inboxSessionToWire(record) }, open.recordStore)
        return { record, recordStore, recordError: undefined }
      })
    }

    return {
      inbox: { messages: [], loaded: false, faults: {} },

      openInbox: async () => {
        const status = await api.inbox.status()
        if (!status.ok) {
          setInbox({ loaded: true, startError: status.error.message })
          return
        }
        const listed = await api.inbox.list()
        setInbox({
          status: status.value,
          faults: status.value.faults,
          startError: undefined,
          loaded: true,
          ...(listed.ok ? { messages: listed.value } : { startError: listed.error.message }),
        })
      },

      inboxMessageArrived: (message) =>
        set((state) => {
          if (state.inbox.messages.some((known) => known.id === message.id)) return state
          const cap = state.inbox.status?.maxMessages ?? DEFAULT_LIST_CAP
          return { inbox: { ...state.inbox, messages: [message, ...state.inbox.messages].slice(0, cap) } }
        }),

      inboxSessionEnded: (session) => {
        // The open message's record was read while its session still ran: read the final one.
        const open = get().inbox.open
        if (open?.message?.sessionId === session.id) void loadRecord(open.id, session.id)
      },

      openInboxMessage: async (id) => {
        const previous = get().inbox.open
        setInbox({ open: { id, ...(previous?.recordStore ? { recordStore: previous.recordStore } : {}) }, notice: undefined })
        const loaded = await api.inbox.get(id)
        if (!loaded.ok) {
          patchOpen(id, () => ({ error: loaded.error.message, recordStore: undefined }))
          return
        }
        patchOpen(id, () => ({ message: loaded.value }))
        await loadRecord(id, loaded.value.sessionId)
      },

      closeInboxMessage: () => setInbox({ open: undefined }),

      loadInboxRaw: async (id) => {
        const open = get().inbox.open
        if (open?.id !== id || open.raw) return
        const raw = await api.inbox.raw(id)
        patchOpen(id, () => (raw.ok ? { raw: raw.value, rawError: undefined } : { rawError: raw.error.message }))
      },

      loadInboxFaults: async () => {
        const faults = await api.inbox.faults()
        if (faults.ok) setInbox({ faults: faults.value })
      },

      setInboxFaults: async (faults) => {
        const applied = await api.inbox.setFaults(faults)
        if (!applied.ok) {
          setInbox({ faultsError: applied.error.message })
          return false
        }
        setInbox({ faults: applied.value, faultsError: undefined })
        return true
      },

      removeInboxMessage: async (id) => {
        const removed = await api.inbox.remove(id)
        if (!removed.ok) {
          setInbox({ notice: `Not deleted: ${removed.error.message}` })
          return
        }
        set((state) => ({
          inbox: {
            ...state.inbox,
            messages: state.inbox.messages.filter((message) => message.id !== id),
            open: state.inbox.open?.id === id ? undefined : state.inbox.open,
            notice: undefined,
          },
        }))
      },

      clearInbox: async () => {
        const cleared = await api.inbox.clear()
        if (!cleared.ok) {
          setInbox({ notice: `Not cleared: ${cleared.error.message}` })
          return
        }
        setInbox({ messages: [], open: undefined, notice: undefined })
      },

      saveInboxAttachment: async (id, index) => {
        setInbox({ notice: savedNotice(await api.inbox.saveAttachment(id, index)) })
      },

      saveInboxRaw: async (id) => {
        setInbox({ notice: savedNotice(await api.inbox.saveRaw(id)) })
      },
    }
  }
