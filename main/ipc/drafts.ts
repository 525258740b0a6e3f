import { CHANNELS } from '../../preload/contract'
import type { Services } from '../services'
import type { GuardedIpc } from './guard'
import { nothing } from './validate/checks'
import { composeDraft } from './validate/compose'

export function registerDraftsIpc(ipc: GuardedIpc, services: Services): void {
  ipc.handle(CHANNELS.draftLoad, nothing, () => services.drafts.load())
  ipc.handle(CHANNELS.draftSave, composeDraft, (draft) => services.drafts.save(draft))
}
