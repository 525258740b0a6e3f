// Attachments are chosen in the OS dialog or dropped on the window; the renderer gets
// paths, names and sizes, and sends the paths back with the compose model. Bytes never
// cross IPC, and only paths given here are taken back (file-grants.ts).
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { PickedFile } from '../../preload/contract'
import type { Dialogs } from './dialogs'
import type { FileGrants } from './file-grants'

export interface FileService {
  pickAttachments(): Promise<PickedFile[]>
  /**
   * Files dropped on the window, by path (the preload reads them from the drop). Main cannot
   * see a drop, so it asks the user in its own dialog before it takes any: a renderer that
   * names a file nobody dropped gets a question the user can refuse, not the file.
   */
  confirmDropped(paths: readonly string[]): Promise<PickedFile[]>
}

/** Regular files only: a folder, a FIFO or a device is not an attachment. */
async function regularFiles(paths: readonly string[]): Promise<PickedFile[]> {
  const picked = await Promise.all(
    paths.map(async (path) => {
      const info = await stat(path).catch(() => null)
      return info?.isFile() ? { path, name: basename(path), size: info.size } : null
    }),
  )
  return picked.filter((file): file is PickedFile => file !== null)
}

export function createFileService(dialogs: Dialogs, grants: FileGrants): FileService {
  return {
    async pickAttachments() {
      const picked = await regularFiles(await dialogs.openFiles({ title: 'Attach files' }))
      grants.grant(picked.map((file) => file.path))
      return picked
    },
    async confirmDropped(paths) {
      const dropped = await regularFiles([...new Set(paths)])
      if (dropped.length === 0) return []
      const confirmed = await dialogs.confirm({
        title: 'Attach dropped files',
        message: dropped.length === 1 ? `Attach ${dropped[0]!.name}?` : `Attach these ${dropped.length} files?`,
        detail: dropped.map((file) => file.path).join('\n'),
        confirmLabel: 'Attach',
      })
      if (!confirmed) return []
      grants.grant(dropped.map((file) => file.path))
      return dropped
    },
  }
}
