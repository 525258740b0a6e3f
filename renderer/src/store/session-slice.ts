import type {
  ExportFormat,
  IpcError,
  Phase,
  SendResult,
  SessionResultEvent,
  SessionState,
  SessionStateEvent,
} from '../../../preload/contract'
import type { AppSlice, StoreDeps } from './app-store'
import type { UploadProgress } from './wire-log-slice'
import { fieldErrorsOf } from './field-errors'
import { localComposeProblems, toComposeModel, type LocalProblem } from './compose-model'

export type SessionStatus = 'idle' | SessionState

export interface SessionData {
  status: SessionStatus
  sessionId?: string
  phase?: Phase
  result?: SendResult
  historyId?: string
  /** Why a send was refused before it started (by the renderer's checks or by main). */
  startError?: IpcError
  /** Problems the renderer found itself; the send was not attempted. */
  problems: LocalProblem[]
  progress?: UploadProgress
  /** A short message about the last export (saved to a path, or failed). */
  exportNotice?: string
}

export interface SessionSlice {
  session: SessionData
  /** Validates, then asks main to start a session with the selected profile. */
  send(): Promise<void>
  /** Stops the running session (main sends QUIT when it can). */
  cancel(): Promise<void>
  applySessionState(event: SessionStateEvent): void
  applySessionResult(event: SessionResultEvent): void
  exportSession(format: ExportFormat): Promise<void>
}

export const isRunning = (status: SessionStatus) =>
  status === 'connecting' || status === 'running' || status === 'cancelling'

export const createSessionSlice =
  ({ api }: StoreDeps): AppSlice<SessionSlice> =>
  (set, get) => {
    // Main runs one session at a time and its result is its last event, so every event
    // belongs to the current session; a new id means a new session (even one this page
    // did not start, e.g. after a reload), whose events replace the previous outcome.
    const forSession = (state: { session: SessionData }, sessionId: string): SessionData =>
      state.session.sessionId === sessionId || state.session.sessionId === undefined
        ? { ...state.session, sessionId }
        : { status: 'connecting', sessionId, problems: [] }

    return {
      session: { status: 'idle', problems: [] },

      send: async () => {
        if (isRunning(get().session.status)) return
        get().commitPendingRecipients()
        const { compose, profiles } = get()
        const problems = localComposeProblems(compose)
        const profileId = profiles.selectedId
        if (!profileId) {
          problems.unshift({ field: 'profile', message: 'choose or add a server to send through' })
        }
        if (problems.length > 0 || !profileId) {
          set((state) => ({ session: { ...state.session, problems, startError: undefined } }))
          return
        }
        set({ session: { status: 'connecting', problems: [] } })
        get().setFieldErrors({})
        const started = await api.session.start({ profileId, compose: toComposeModel(compose) })
        if (!started.ok) {
          const { error } = started
          set({ session: { status: 'idle', problems: [], startError: error } })
          get().setFieldErrors(fieldErrorsOf(error))
          return
        }
        set((state) => {
          if (state.session.sessionId !== undefined && state.session.sessionId !== started.value.sessionId) return state
          return { session: { ...state.session, sessionId: started.value.sessionId } }
        })
      },

      cancel: async () => {
        const { status } = get().session
        if (status !== 'connecting' && status !== 'running') return
        set((state) => ({ session: { ...state.session, status: 'cancelling' } }))
        const cancelled = await api.session.cancel()
        if (!cancelled.ok) {
          set((state) => ({
            session: {
              ...state.session,
              status: state.session.status === 'cancelling' ? 'running' : state.session.status,
              startError: cancelled.error,
            },
          }))
        }
      },

      applySessionState: (event) =>
        set((state) => {
          const session = forSession(state, event.sessionId)
          // The result is final: a late state event must not reopen a finished session.
          if (session.result) return state
          return { session: { ...session, status: event.state, ...(event.phase ? { phase: event.phase } : {}) } }
        }),

      applySessionResult: (event) =>
        set((state) => ({
          session: { ...forSession(state, event.sessionId), status: 'done', result: event.result, historyId: event.historyId },
        })),

      exportSession: async (format) => {
        const { historyId } = get().session
        if (!historyId) return
        const exported = await api.history.export(historyId, format)
        const exportNotice = !exported.ok
          ? `Export failed: ${exported.error.message}`
          : exported.value.saved
            ? `Saved ${exported.value.path ?? ''}`.trim()
            : undefined
        set((state) => ({ session: { ...state.session, exportNotice } }))
      },
    }
  }
