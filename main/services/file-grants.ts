// The files the user gave this window: picked in the open dialog, dropped on the window and
// confirmed in main's own dialog, or restored with a draft main saved. Attachments cross IPC
// as paths, so without this list a compromised renderer could name any file (~/.ssh/id_rsa)
// and have main read it and send it. Only main adds to the list; the renderer cannot.
import { resolve } from 'node:path'
import type { ComposeModel, FieldIssue } from '../../preload/contract'

export interface FileGrants {
  grant(paths: readonly string[]): void
  isGranted(path: string): boolean
  /** One issue per attachment whose path the user never gave ("attachments[1]"). */
  ungrantedAttachments(compose: Pick<ComposeModel, 'attachments'>): FieldIssue[]
}

export function createFileGrants(): FileGrants {
  // resolve(): "/a/./b" and "/a/b" are one file; a path is compared in one spelling.
  const granted = new Set<string>()
  const isGranted = (path: string) => granted.has(resolve(path))
  return {
    grant(paths) {
      for (const path of paths) granted.add(resolve(path))
    },
    isGranted,
    ungrantedAttachments(compose) {
      return compose.attachments.flatMap((attachment, index) =>
        attachment.path === undefined || isGranted(attachment.path)
          ? []
          : [
              {
                field: `attachments[${index}]`,
                message: `${attachment.path} was not chosen in this window: attach it with Attach or by dropping it on the window.`,
              },
            ],
      )
    },
  }
}
