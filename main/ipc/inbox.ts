// The local test inbox's channels. Ids are the inbox's own (msg-…, ses-…); fault presets
// are checked by the inbox's validation before the service sees them.
import { CHANNELS } from '../../preload/contract'
import type { Services } from '../services'
import type { GuardedIpc } from './guard'
import { nothing } from './validate/checks'
import { inboxAttachment, inboxAuthSettings, inboxFaults, inboxMessageId, inboxSessionId } from './validate/inbox'

export function registerInboxIpc(ipc: GuardedIpc, services: Services): void {
  const { inbox } = services
  ipc.handle(CHANNELS.inboxStatus, nothing, () => inbox.status())
  ipc.handle(CHANNELS.inboxList, nothing, () => inbox.list())
  ipc.handle(CHANNELS.inboxGet, inboxMessageId, (id) => inbox.get(id))
  ipc.handle(CHANNELS.inboxRaw, inboxMessageId, (id) => inbox.raw(id))
  ipc.handle(CHANNELS.inboxSession, inboxSessionId, (id) => inbox.session(id))
  ipc.handle(CHANNELS.inboxFaults, nothing, () => inbox.faults())
  ipc.handle(CHANNELS.inboxSetFaults, inboxFaults, (faults) => inbox.setFaults(faults))
  ipc.handle(CHANNELS.inboxRemove, inboxMessageId, (id) => inbox.remove(id))
  ipc.handle(CHANNELS.inboxClear, nothing, () => inbox.clear())
  ipc.handle(CHANNELS.inboxSaveAttachment, inboxAttachment, ({ id, index }) => inbox.saveAttachment(id, index))
  ipc.handle(CHANNELS.inboxSaveRaw, inboxMessageId, (id) => inbox.saveRaw(id))
  ipc.handle(CHANNELS.inboxAuthenticate, inboxMessageId, (id) => inbox.authenticate(id))
  ipc.handle(CHANNELS.inboxAuthSettings, nothing, () => inbox.authSettings())
  ipc.handle(CHANNELS.inboxSetAuthSettings, inboxAuthSettings, (settings) => inbox.setAuthSettings(settings))
}
