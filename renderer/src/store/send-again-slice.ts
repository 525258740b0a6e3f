// Send again (issue 16 point 3): History entry `originalId` run once more by main (the
// window names only the entry and a profile), then, in one step, the new entry opened and
// compared with the original, as Compare would show them.
import type { SessionResultEvent } from '../../../preload/contract'
import type { AppSlice, StoreDeps } from './app-store'
import { isRunning } from './session-slice'

export interface SendAgainState {
  /** The resend under way: its session (once main named it) and the entry it repeats. */
  pending?: { originalId: string; sessionId?: string }
  /** Why the last Send again of an entry did not start. */
  error?: { historyId: string; message: string }
}

export interface SendAgainSlice {
  sendAgain: SendAgainState
  /** Runs entry `historyId` again through `profileId` (its own profile when absent). */
  sendHistoryAgain(historyId: string, profileId?: string): Promise<void>
  /** A session ended: when it was the resend, open its entry and compare it with the original. */
  sendAgainFinished(event: SessionResultEvent): Promise<void>
}

export const createSendAgainSlice =
  ({ api }: StoreDeps): AppSlice<SendAgainSlice> =>
  (set, get) => ({
    sendAgain: {},

    sendHistoryAgain: async (historyId, profileId) => {
      if (isRunning(get().session.status) || get().sendAgain.pending) return
      set({ sendAgain: { pending: { originalId: historyId } } })
      const started = await api.session.sendAgain(historyId, profileId)
      if (!started.ok) {
        set({ sendAgain: { error: { historyId, message: started.error.message } } })
        return
      }
      set((state) => ({ sendAgain: state.sendAgain.pending ? { pending: { originalId: historyId, sessionId: started.value.sessionId } } : state.sendAgain }))
    },

    sendAgainFinished: async (event) => {
      const { pending } = get().sendAgain
      // The result may come before start's answer names the session: one runs at a time, so it is ours.
      if (!pending || (pending.sessionId !== undefined && pending.sessionId !== event.sessionId)) return
      set({ sendAgain: {} })
      if (!event.historyId) {
        set({ sendAgain: { error: { historyId: pending.originalId, message: 'The new session could not be saved in History, so there is nothing to compare.' } } })
        return
      }
      const state = get()
      await state.loadHistory()
      await state.openHistoryEntry(event.historyId)
      state.showView('history')
      await get().compareOpenWith(pending.originalId)
    },
  })
