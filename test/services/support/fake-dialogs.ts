// The OS dialogs for tests: "the user picked this path" answers queued by the test, and
// the requests recorded. An empty queue answers like a cancelled dialog.
import type { Dialogs } from '../../../main/services/dialogs'

export interface FakeDialogs extends Dialogs {
  /** Answers for the next save dialogs: a path, or null for "cancelled". */
  saveAnswers: Array<string | null>
  /** Answers for the next open dialogs. */
  openAnswers: string[][]
  saveRequests: Array<Parameters<Dialogs['saveFile']>[0]>
  /** Answers for the next confirmations: true for the confirm button. */
  confirmAnswers: boolean[]
  confirmRequests: Array<Parameters<Dialogs['confirm']>[0]>
}

export function fakeDialogs(): FakeDialogs {
  const dialogs: FakeDialogs = {
    saveAnswers: [],
    openAnswers: [],
    saveRequests: [],
    confirmAnswers: [],
    confirmRequests: [],
    async saveFile(options) {
      dialogs.saveRequests.push(options)
      return dialogs.saveAnswers.length > 0 ? (dialogs.saveAnswers.shift() ?? null) : null
    },
    async openFiles() {
      return dialogs.openAnswers.shift() ?? []
    },
    async confirm(options) {
      dialogs.confirmRequests.push(options)
      return dialogs.confirmAnswers.shift() ?? false
    },
  }
  return dialogs
}
