import { CHANNELS } from '../../preload/contract'
import type { Services } from '../services'
import type { GuardedIpc } from './guard'
import { nothing } from './validate/checks'
import { id } from './validate/ids'
import { historyExport, sessionFileText } from './validate/requests'

export function registerHistoryIpc(ipc: GuardedIpc, services: Services): void {
  ipc.handle(CHANNELS.historyList, nothing, () => services.history.list())
  ipc.handle(CHANNELS.historyGet, id, (entryId) => services.history.get(entryId))
  ipc.handle(CHANNELS.historyExport, historyExport, ({ id: entryId, format }) => services.history.export(entryId, format))
  ipc.handle(CHANNELS.historyRemove, id, (entryId) => services.history.remove(entryId))
  ipc.handle(CHANNELS.historyOpenFile, nothing, () => services.history.openFile())
  ipc.handle(CHANNELS.historyReadFile, sessionFileText, (file) => services.history.readFile(file))
  ipc.handle(CHANNELS.historySentVsArrived, id, (entryId) => services.arrived.withInbox(entryId))
  ipc.handle(CHANNELS.historyCompareEml, id, (entryId) => services.arrived.withFile(entryId))
}
