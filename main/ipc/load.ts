import { CHANNELS } from '../../preload/contract'
import type { Services } from '../services'
import type { GuardedIpc } from './guard'
import { nothing } from './validate/checks'
import { loadStart } from './validate/load'

export function registerLoadIpc(ipc: GuardedIpc, services: Services): void {
  ipc.handle(CHANNELS.loadStart, loadStart, (request) => services.load.start(request))
  ipc.handle(CHANNELS.loadCancel, nothing, () => services.load.cancel())
}
