import { CHANNELS } from '../../preload/contract'
import type { Services } from '../services'
import type { GuardedIpc } from './guard'
import { nothing } from './validate/checks'
import { consoleAuth, consoleData, consoleLine, consoleOpen } from './validate/console'
import { id } from './validate/ids'

export function registerConsoleIpc(ipc: GuardedIpc, services: Services): void {
  ipc.handle(CHANNELS.consoleOpen, consoleOpen, (request) => services.console.open(request))
  ipc.handle(CHANNELS.consoleSend, consoleLine, (request) => services.console.send(request))
  ipc.handle(CHANNELS.consoleStartTls, id, (consoleId) => services.console.startTls(consoleId))
  ipc.handle(CHANNELS.consoleAuth, consoleAuth, (request) => services.console.auth(request))
  ipc.handle(CHANNELS.consoleData, consoleData, (request) => services.console.sendData(request))
  ipc.handle(CHANNELS.consoleClose, id, (consoleId) => services.console.close(consoleId))
  ipc.handle(CHANNELS.consoleCancel, nothing, () => services.console.cancel())
}
