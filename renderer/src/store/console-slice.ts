import type { ConsoleOutcome, ConsoleStatus, IpcError, Result, WireBatch } from '../../../preload/contract'
import { messageWithHint } from '../shared/remedy-hint'
import type { AppSlice, StoreDeps } from './app-store'
import type { LogStore, LogStoreFactory } from './log-store'

/** Typed lines kept for up/down, oldest first. */
export const CONSOLE_HISTORY_LIMIT = 200

/** CR, LF or NUL would end the line early and smuggle in another command (RFC 5321 2.3.8). */
const LINE_BREAK_OR_NUL = /[\r\n\0]/

export const LINE_BREAK_REFUSAL =
  'Not sent: a command is one line, and this one holds a line break (CR or LF) or NUL, which would end it early and smuggle in another command. Type one command at a time.'

export type ConsoleAction = 'open' | 'send' | 'starttls' | 'auth' | 'data' | 'close'

/** What waits for the user's yes before credentials may leave without TLS. */
export type CleartextConsent = { action: 'auth' } | { action: 'line'; line: string }

export interface ConsoleNotice {
  tone: 'error' | 'info'
  text: string
}

export interface ConsoleData {
  /** The profile the console connects to; the Send view's choice until the user picks one. */
  profileId?: string
  /** The connection as main last described it; absent before the first connect. */
  status?: ConsoleStatus
  /** The connection's wire log, in a store of its own (see log-store.ts): a new one per connection. */
  logStore?: LogStore
  /** The request in flight, if any. */
  pending?: ConsoleAction
  /** Lines typed, oldest first (credentials never kept). */
  history: string[]
  notice?: ConsoleNotice
  consent?: CleartextConsent
  /** The command line being typed. */
  line: string
  /** The message being typed after a 354. */
  body: string
}

export interface ConsoleSlice {
  smtpConsole: ConsoleData
  setConsoleProfile(id: string): void
  setConsoleLine(line: string): void
  openConsole(): Promise<void>
  /** Sends one typed line; false when it was refused before leaving (keep it in the input). */
  sendConsoleLine(line: string, allowCleartext?: boolean): Promise<boolean>
  /** A line the input refused itself (a paste with a line break). */
  refuseConsoleLine(reason: string): void
  consoleStartTls(): Promise<void>
  consoleAuth(allowCleartext?: boolean): Promise<void>
  confirmCleartext(): Promise<void>
  dismissConsent(): void
  setConsoleBody(body: string): void
  endConsoleData(): Promise<void>
  closeConsole(): Promise<void>
  cancelConsole(): Promise<void>
  applyConsoleState(status: ConsoleStatus): void
  appendConsoleWire(batch: WireBatch): void
}

/**
 * What history may keep of a line: an AUTH initial response and anything typed in answer
 * to a 334 challenge are credentials, so only the mechanism is kept, or nothing.
 */
export function rememberable(line: string, status: ConsoleStatus | undefined): string | undefined {
  if (status?.lastReply?.code === 334) return undefined
  const auth = /^\s*(AUTH\s+\S+)\s+\S/i.exec(line)
  if (auth) return auth[1]
  return line.trim() === '' ? undefined : line
}

export const createConsoleSlice =
  ({ api }: StoreDeps, fresh: LogStoreFactory): AppSlice<ConsoleSlice> =>
  (set, get) => {
    const patch = (change: Partial<ConsoleData> | ((data: ConsoleData) => Partial<ConsoleData>)) =>
      set((state) => ({
        smtpConsole: { ...state.smtpConsole, ...(typeof change === 'function' ? change(state.smtpConsole) : change) },
      }))

    const errorNotice = (error: IpcError): ConsoleNotice => ({ tone: 'error', text: error.message })

    /** The answer to an action: the new status, and the step's failure as a notice. */
    const settle = (result: Result<ConsoleOutcome>, action: ConsoleAction): boolean => {
      if (!result.ok) {
        patch({ pending: undefined, notice: errorNotice(result.error) })
        return false
      }
      const { status, error } = result.value
      patch((data) => ({
        pending: data.pending === action ? undefined : data.pending,
        // A newer connection's status wins over a late answer about an older one.
        status: data.status && data.status.consoleId !== status.consoleId ? data.status : status,
        notice: error ? { tone: 'error', text: messageWithHint(error) } : undefined,
      }))
      return true
    }

    const consoleId = () => {
      const status = get().smtpConsole.status
      return status && status.state !== 'closed' ? status.consoleId : undefined
    }

    return {
      smtpConsole: { history: [], line: '', body: '' },

      setConsoleProfile: (id) => {
        // The server is locked while connected: the bar must name the server the log talks to.
        const { pending, profileId } = get().smtpConsole
        if ((consoleId() !== undefined || pending === 'open') && id !== profileId) {
          patch({ notice: { tone: 'info', text: 'The console is connected: QUIT and close it first to use another server.' } })
          return
        }
        patch({ profileId: id })
      },

      setConsoleLine: (line) => patch({ line }),

      openConsole: async () => {
        const data = get().smtpConsole
        const profileId = data.profileId ?? get().profiles.selectedId
        if (!profileId || data.pending) return
        // The greeting's lines arrive before the answer: the log must be there first.
        patch({ pending: 'open', notice: undefined, consent: undefined, body: '', logStore: fresh(), status: undefined, profileId })
        settle(await api.console.open({ profileId }), 'open')
      },

      sendConsoleLine: async (line, allowCleartext) => {
        const id = consoleId()
        if (!id || get().smtpConsole.pending) return false
        if (LINE_BREAK_OR_NUL.test(line)) {
          patch({ notice: { tone: 'error', text: LINE_BREAK_REFUSAL } })
          return false
        }
        const kept = rememberable(line, get().smtpConsole.status)
        patch((data) => ({
          pending: 'send',
          notice: undefined,
          consent: undefined,
          history: kept === undefined || data.history.at(-1) === kept ? data.history : [...data.history, kept].slice(-CONSOLE_HISTORY_LIMIT),
        }))
        const result = await api.console.send({ consoleId: id, line, ...(allowCleartext ? { allowCleartext } : {}) })
        if (!result.ok && result.error.code === 'EPOLICY') {
          patch({ pending: undefined, consent: { action: 'line', line } })
          return false
        }
        const sent = settle(result, 'send') && result.ok
        // Sent (maybe after the consent): the input is free for the next command.
        if (sent) patch((data) => (data.line === line ? { line: '' } : {}))
        return sent
      },

      refuseConsoleLine: (reason) => patch({ notice: { tone: 'error', text: reason } }),

      consoleStartTls: async () => {
        const id = consoleId()
        if (!id || get().smtpConsole.pending) return
        patch({ pending: 'starttls', notice: undefined })
        settle(await api.console.startTls(id), 'starttls')
      },

      consoleAuth: async (allowCleartext) => {
        const id = consoleId()
        if (!id || get().smtpConsole.pending) return
        patch({ pending: 'auth', notice: undefined, consent: undefined })
        const result = await api.console.auth({ consoleId: id, ...(allowCleartext ? { allowCleartext } : {}) })
        // Main is the judge of cleartext: when it says so, ask the user, then ask main again.
        if (!result.ok && result.error.code === 'EPOLICY') {
          patch({ pending: undefined, consent: { action: 'auth' } })
          return
        }
        settle(result, 'auth')
      },

      confirmCleartext: async () => {
        const consent = get().smtpConsole.consent
        if (!consent) return
        patch({ consent: undefined })
        if (consent.action === 'auth') await get().consoleAuth(true)
        else await get().sendConsoleLine(consent.line, true)
      },

      dismissConsent: () => patch({ consent: undefined, notice: { tone: 'info', text: 'Nothing was sent.' } }),

      setConsoleBody: (body) => patch({ body }),

      endConsoleData: async () => {
        const id = consoleId()
        const { pending, body } = get().smtpConsole
        if (!id || pending) return
        patch({ pending: 'data', notice: undefined })
        const result = await api.console.sendData({ consoleId: id, body })
        if (settle(result, 'data') && result.ok && !result.value.error) patch({ body: '' })
      },

      closeConsole: async () => {
        const id = consoleId()
        if (!id) return
        patch({ pending: 'close', consent: undefined })
        settle(await api.console.close(id), 'close')
      },

      cancelConsole: async () => {
        if (!consoleId()) return
        const cancelled = await api.console.cancel()
        if (!cancelled.ok) patch({ notice: errorNotice(cancelled.error) })
      },

      applyConsoleState: (status) =>
        patch((data) => {
          if (data.status && data.status.consoleId !== status.consoleId && data.pending !== 'open') return {}
          return { status, ...(status.state === 'closed' ? { consent: undefined } : {}) }
        }),

      appendConsoleWire: (batch) => {
        const { logStore, status, pending } = get().smtpConsole
        // Only the current connection's lines; while opening, its id is not known yet.
        if (!logStore || (status && status.consoleId !== batch.sessionId && pending !== 'open')) return
        logStore.getState().appendWireBatch(batch)
      },
    }
  }
