import type { ExportFormat, Phase, SendResult, SessionResultEvent, SessionState, SessionStateEvent, SessionWait } from '../../../preload/contract'
import type { LogSlice, LogStoreDeps } from './log-store'
import type { UploadProgress } from './wire-log-slice'

export type SessionStatus = 'idle' | SessionState

/** Where a session stands and how it ended: what the ResultPanel shows. */
export interface SessionData {
  status: SessionStatus
  sessionId?: string
  phase?: Phase
  result?: SendResult
  historyId?: string
  /** Why the .eml export has nothing to give (the message was not kept), when so. */
  emlNotKept?: string
  progress?: UploadProgress
  /** The attachments' own size (files on disk) when this send began: the result says what the transfer encoding made of it. */
  attachmentBytes?: number
  /** What the running session waits for, and when (Date.now() here) the wait began. */
  wait?: SessionWait & { startedAt: number }
  /** A short message about the last export (saved to a path, or failed). */
  exportNotice?: string
}

export interface SessionSlice {
  session: SessionData
  applySessionState(event: SessionStateEvent): void
  applySessionResult(event: SessionResultEvent): void
  exportSession(format: ExportFormat): Promise<void>
}

/** The same wait (a state event repeated) keeps its start; a new one starts now, on this clock. */
function waitOf(previous: SessionData['wait'], next: SessionWait | undefined): SessionData['wait'] {
  if (!next) return undefined
  if (previous && previous.since === next.since && previous.what === next.what) return previous
  return { ...next, startedAt: Date.now() }
}

export const isRunning = (status: SessionStatus) =>
  status === 'connecting' || status === 'running' || status === 'cancelling'

export const createSessionSlice =
  ({ api }: LogStoreDeps): LogSlice<SessionSlice> =>
  (set, get) => {
    // Main runs one session at a time and its result is its last event, so every event
    // belongs to the current session; a new id means a new session (even one this page
    // did not start, e.g. after a reload), whose events replace the previous outcome.
    const forSession = (state: { session: SessionData }, sessionId: string): SessionData =>
      state.session.sessionId === sessionId || state.session.sessionId === undefined
        ? { ...state.session, sessionId }
        : { status: 'connecting', sessionId }

    return {
      session: { status: 'idle' },

      applySessionState: (event) =>
        set((state) => {
          const session = forSession(state, event.sessionId)
          // The result is final: a late state event must not reopen a finished session.
          if (session.result) return state
          return { session: { ...session, status: event.state, ...(event.phase ? { phase: event.phase } : {}), wait: waitOf(session.wait, event.wait) } }
        }),

      applySessionResult: (event) =>
        set((state) => ({
          session: {
            ...forSession(state, event.sessionId),
            status: 'done',
            result: event.result,
            historyId: event.historyId,
            ...(event.emlNotKept !== undefined ? { emlNotKept: event.emlNotKept } : {}),
          },
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
