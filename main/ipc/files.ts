import { CHANNELS } from '../../preload/contract'
import type { Services } from '../services'
import type { GuardedIpc } from './guard'
import { nothing } from './validate/checks'
import { droppedPaths } from './validate/compose'

export function registerFilesIpc(ipc: GuardedIpc, services: Services): void {
  ipc.handle(CHANNELS.filesPickAttachments, nothing, () => services.files.pickAttachments())
  ipc.handle(CHANNELS.filesConfirmDropped, droppedPaths, (paths) => services.files.confirmDropped(paths))
}
