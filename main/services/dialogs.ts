// The OS dialogs, as the services see them. In Electron: dialog.showSaveDialog and
// showOpenDialog on the main window (adapters/electron-dialogs.ts); in tests: a fake that
// answers with a temp path.

export interface FileFilter {
  name: string
  extensions: string[]
}

export interface Dialogs {
  /** The path the user chose, or null when they cancelled. */
  saveFile(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>
  /** The files the user chose; empty when they cancelled. */
  openFiles(options: { title: string }): Promise<string[]>
  /** A question with a confirm and a Cancel button: true when the user confirmed. */
  confirm(options: { title: string; message: string; detail: string; confirmLabel: string }): Promise<boolean>
}
