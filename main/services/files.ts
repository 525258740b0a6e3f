// Attachments are chosen in the OS dialog; the renderer gets paths, names and sizes, and
// sends the paths back with the compose model. Bytes never cross IPC.
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { PickedFile } from '../../preload/contract'
import type { Dialogs } from './dialogs'

export interface FileService {
  pickAttachments(): Promise<PickedFile[]>
}

export function createFileService(dialogs: Dialogs): FileService {
  return {
    async pickAttachments() {
      const paths = await dialogs.openFiles({ title: 'Attach files' })
      const picked = await Promise.all(
        paths.map(async (path) => {
          const info = await stat(path)
          return info.isFile() ? { path, name: basename(path), size: info.size } : null
        }),
      )
      return picked.filter((file): file is PickedFile => file !== null)
    },
  }
}
