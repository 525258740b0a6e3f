// All request channels, registered by domain. Each handler checks the sender frame, then
// the payload, then calls a service, and resolves a Result (guard.ts).
import type { Services } from '../services'
import { registerAppIpc } from './app'
import { registerConsoleIpc } from './console'
import { registerDraftsIpc } from './drafts'
import { registerFilesIpc } from './files'
import { guardedIpc } from './guard'
import { registerHistoryIpc } from './history'
import { registerInboxIpc } from './inbox'
import { registerLoadIpc } from './load'
import { registerProbeIpc } from './probe'
import { registerProfilesIpc } from './profiles'
import type { IpcRegistry } from './registry'
import type { SenderPolicy } from './sender-policy'
import { registerSessionIpc } from './session'

export { createMapRegistry, type EventSink, type IpcRegistry, type MapRegistry, type SenderInfo } from './registry'
export { createSenderPolicy, type SenderPolicy, type SenderPolicyOptions } from './sender-policy'

export function registerIpc(
  registry: IpcRegistry,
  services: Services,
  senderPolicy: SenderPolicy,
  log?: (message: string) => void,
): void {
  const ipc = guardedIpc(registry, senderPolicy, log)
  registerSessionIpc(ipc, services)
  registerProfilesIpc(ipc, services)
  registerDraftsIpc(ipc, services)
  registerHistoryIpc(ipc, services)
  registerFilesIpc(ipc, services)
  registerAppIpc(ipc, services)
  registerInboxIpc(ipc, services)
  registerConsoleIpc(ipc, services)
  registerProbeIpc(ipc, services)
  registerLoadIpc(ipc, services)
}
