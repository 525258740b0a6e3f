// Send again (issue 16 point 3): a History entry's session run once more, the same compose
// model, envelope and Advanced choices, through the same profile or another one. The
// request comes from History, not from the window: the window names only the entry and,
// if it wants, another profile, so it can neither change the message nor name a file.
import type { SendAgainRequest, SessionStarted } from '../../../preload/contract'
import { IPC_ERROR } from '../../../preload/contract'
import { ServiceError } from '../errors'
import type { FileGrants } from '../file-grants'
import type { HistoryStore } from '../history/history-store'
import type { SessionService } from './session-service'

export interface SendAgainService {
  sendAgain(request: SendAgainRequest): Promise<SessionStarted>
}

export function createSendAgainService(deps: { history: HistoryStore; session: SessionService; grants: FileGrants }): SendAgainService {
  return {
    async sendAgain({ historyId, profileId }) {
      const { replay } = await deps.history.get(historyId)
      if (!replay) {
        throw new ServiceError(IPC_ERROR.notFound, 'This session was saved before History kept what Send again needs: send it from the Send view.', { field: 'id' })
      }
      // Main wrote these paths itself when the user attached them: they are given again, as a restored draft's are.
      deps.grants.grant(replay.compose.attachments.flatMap((file) => (file.path === undefined ? [] : [file.path])))
      return deps.session.start({
        profileId: profileId ?? replay.profileId,
        compose: replay.compose,
        ...(replay.controls ? { controls: replay.controls } : {}),
      })
    },
  }
}
