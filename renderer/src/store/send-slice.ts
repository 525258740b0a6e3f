import type { IpcError } from '../../../preload/contract'
import type { AppSlice, StoreDeps } from './app-store'
import { isRunning } from './session-slice'
import { editorHasChanges } from './profiles-slice'
import { fieldErrorsOf } from './field-errors'
import { localComposeProblems, toComposeModel, type LocalProblem } from './compose-model'
import { advancedProblems, sessionControlsOf } from './advanced-model'
import type { ComposeData } from './compose-slice'

/** Why the last press of Send did not start a session; the session itself is `session`. */
export interface SendAttempt {
  /** Problems the renderer found itself; the send was not attempted. */
  problems: LocalProblem[]
  /** Why main refused to start it (or to cancel it). */
  startError?: IpcError
}

export interface SendSlice {
  sendAttempt: SendAttempt
  /** Validates, then asks main to start a session with the selected profile. */
  send(): Promise<void>
  /** Stops the running session (main sends QUIT when it can). */
  cancel(): Promise<void>
}

export const createSendSlice =
  ({ api }: StoreDeps): AppSlice<SendSlice> =>
  (set, get) => ({
    sendAttempt: { problems: [] },

    send: async () => {
      if (isRunning(get().session.status)) return
      get().commitPendingRecipients()
      const problems = [...localComposeProblems(get().compose), ...advancedProblems(get().advanced)]
      if (problems.length === 0 && editorHasChanges(get().profiles)) {
        // What is typed in the server form is the server meant: save it, then send through it.
        if (!get().checkProfileForm()) {
          set({ sendAttempt: { problems: [{ field: 'profile', message: 'the server form is not complete: fill in what it asks for, or close it to send through the selected server' }] } })
          return
        }
        await get().saveProfile()
        if (get().profiles.editor) {
          set({ sendAttempt: { problems: [{ field: 'profile', message: 'the server form could not be saved: fix it, or close it to send through the selected server' }] } })
          return
        }
      }
      const { compose, profiles } = get()
      const profileId = profiles.selectedId
      if (!profileId) {
        problems.unshift({ field: 'profile', message: 'choose or add a server to send through' })
      }
      if (problems.length > 0 || !profileId) {
        set({ sendAttempt: { problems } })
        return
      }
      const attachmentBytes = attachmentBytesOf(compose)
      set({ session: { status: 'connecting', ...(attachmentBytes ? { attachmentBytes } : {}) }, sendAttempt: { problems: [] } })
      get().setFieldErrors({})
      const controls = sessionControlsOf(get().advanced)
      const started = await api.session.start({ profileId, compose: toComposeModel(compose), ...(controls ? { controls } : {}) })
      if (!started.ok) {
        const { error } = started
        set({ session: { status: 'idle' }, sendAttempt: { problems: [], startError: error } })
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
          session: { ...state.session, status: state.session.status === 'cancelling' ? 'running' : state.session.status },
          sendAttempt: { ...state.sendAttempt, startError: cancelled.error },
        }))
      }
    },
  })

/** The attached files' size on disk, when every size is known and the message is composed (not raw). */
function attachmentBytesOf(compose: ComposeData): number | undefined {
  if (compose.rawMode || compose.attachments.some((attachment) => attachment.size === undefined)) return undefined
  return compose.attachments.reduce((sum, attachment) => sum + attachment.size!, 0)
}
