import { CHANNELS } from '../../preload/contract'
import type { Services } from '../services'
import type { GuardedIpc } from './guard'
import { nothing } from './validate/checks'
import { sendAgainRequest, sendCommandRequest, sessionStart } from './validate/requests'

export function registerSessionIpc(ipc: GuardedIpc, services: Services): void {
  ipc.handle(CHANNELS.sessionStart, sessionStart, (request) => services.session.start(request))
  ipc.handle(CHANNELS.sessionCancel, nothing, () => services.session.cancel())
  ipc.handle(CHANNELS.sessionSendAgain, sendAgainRequest, (request) => services.sendAgain.sendAgain(request))
  ipc.handle(CHANNELS.sessionCommand, sendCommandRequest, (request) => services.commands.command(request))
}
