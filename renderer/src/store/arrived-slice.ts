// Sent versus arrived (issue 16 point 5): a History entry's message beside the copy the
// local inbox received, or an .eml the user opens. Main compares (it holds both messages);
// the window shows the comparison in the History view, in place of the entry.
import type { ArrivedComparison } from '../../../preload/contract'
import type { AppSlice, StoreDeps } from './app-store'

export interface ArrivedState {
  shown?: ArrivedComparison
  /** Why the last comparison of an entry could not be made. */
  error?: { historyId: string; message: string }
}

export interface ArrivedSlice {
  arrived: ArrivedState
  compareWithInbox(historyId: string): Promise<void>
  /** Main's open dialog for the .eml; nothing changes when the user cancels. */
  compareWithEml(historyId: string): Promise<void>
  closeArrived(): void
}

export const createArrivedSlice =
  ({ api }: StoreDeps): AppSlice<ArrivedSlice> =>
  (set) => ({
    arrived: {},
    compareWithInbox: async (historyId) => {
      const compared = await api.history.sentVsArrived(historyId)
      set({ arrived: compared.ok ? { shown: compared.value } : { error: { historyId, message: compared.error.message } } })
    },
    compareWithEml: async (historyId) => {
      const compared = await api.history.compareEml(historyId)
      if (compared.ok && compared.value === null) return
      set({ arrived: compared.ok ? { shown: compared.value! } : { error: { historyId, message: compared.error.message } } })
    },
    closeArrived: () => set({ arrived: {} }),
  })
