// The OS file dialogs, attached to the main window so they are modal to it.
import { dialog, type BrowserWindow } from 'electron'
import type { Dialogs } from '../dialogs'

export function electronDialogs(window: () => BrowserWindow | undefined): Dialogs {
  return {
    async saveFile({ title, defaultName, filters }) {
      const options = { title, defaultPath: defaultName, filters, properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const] }
      const parent = window()
      const answer = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
      return answer.canceled || !answer.filePath ? null : answer.filePath
    },
    async openFiles({ title }) {
      const options = { title, properties: ['openFile' as const, 'multiSelections' as const] }
      const parent = window()
      const answer = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
      return answer.canceled ? [] : answer.filePaths
    },
    async confirm({ title, message, detail, confirmLabel }) {
      const options = { type: 'question' as const, title, message, detail, buttons: [confirmLabel, 'Cancel'], defaultId: 0, cancelId: 1, noLink: true }
      const parent = window()
      const answer = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options)
      return answer.response === 0
    },
  }
}
