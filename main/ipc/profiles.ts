import { CHANNELS } from '../../preload/contract'
import type { Services } from '../services'
import type { GuardedIpc } from './guard'
import { nothing } from './validate/checks'
import { id } from './validate/ids'
import { profileInput } from './validate/profile'

export function registerProfilesIpc(ipc: GuardedIpc, services: Services): void {
  ipc.handle(CHANNELS.profilesList, nothing, () => services.profiles.view())
  ipc.handle(CHANNELS.profilesSave, profileInput, (input) => services.profiles.save(input))
  ipc.handle(CHANNELS.profilesRemove, id, (profileId) => services.profiles.remove(profileId))
}
