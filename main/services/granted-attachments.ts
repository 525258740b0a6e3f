// Where the granted-files list (file-grants.ts) is enforced: a send whose attachments name
// a file the user never gave is refused before anything connects, a draft keeps only given
// files, and a draft main saved gives its files back when it is restored.
import { IPC_ERROR } from '../../preload/contract'
import type { DraftService } from './drafts'
import { ServiceError } from './errors'
import type { FileGrants } from './file-grants'
import type { SessionService } from './session/session-service'

export function withGrantedAttachments(session: SessionService, grants: FileGrants): SessionService {
  return {
    ...session,
    async start(request) {
      const issues = grants.ungrantedAttachments(request.compose)
      if (issues.length > 0) throw new ServiceError(IPC_ERROR.invalidPayload, issues[0]!.message, { field: issues[0]!.field, fields: issues })
      return session.start(request)
    },
  }
}

export function withGrantedDraftFiles(drafts: DraftService, grants: FileGrants): DraftService {
  return {
    ...drafts,
    async load() {
      const draft = await drafts.load()
      // Saved by main, so every path in it was given before (see save below).
      if (draft) grants.grant(draft.attachments.flatMap((attachment) => (attachment.path === undefined ? [] : [attachment.path])))
      return draft
    },
    save(draft) {
      const given = draft.attachments.filter((attachment) => attachment.path !== undefined && grants.isGranted(attachment.path))
      return drafts.save({ ...draft, attachments: given })
    },
  }
}
