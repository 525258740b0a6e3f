import { CHANNELS } from '../../preload/contract'
import type { Services } from '../services'
import type { GuardedIpc } from './guard'
import { nothing } from './validate/checks'

export function registerAppIpc(ipc: GuardedIpc, services: Services): void {
  ipc.handle(CHANNELS.appInfo, nothing, () => services.app.info())
}
