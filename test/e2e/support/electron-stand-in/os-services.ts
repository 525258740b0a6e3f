// dialog, Menu, shell, safeStorage and screen: the OS side. Dialogs are questions to the
// test (control.ts); the menu's items are clicked by the test as a user would; links that
// would open in the OS are reported, not opened.
import type { MenuItemConstructorOptions, MessageBoxOptions, MessageBoxReturnValue, OpenDialogOptions, OpenDialogReturnValue, SaveDialogOptions, SaveDialogReturnValue } from 'electron'
import { app } from './app'
import { BrowserWindow } from './browser-window'
import { NotMimicked, ask, onCommand, report } from './control'

function withoutWindow<T>(windowOrOptions: unknown, options: T | undefined): T {
  return (options ?? windowOrOptions) as T
}

export const dialog = {
  /** Electron shows a modal box (or prints it where there is no display) and returns at once. */
  showErrorBox(title: string, content: string): void {
    report('error-box', { title, content })
  },
  async showMessageBox(windowOrOptions: BrowserWindow | MessageBoxOptions, maybeOptions?: MessageBoxOptions): Promise<MessageBoxReturnValue> {
    const options = withoutWindow(windowOrOptions, maybeOptions)
    const answer = await ask<{ response: number; checkboxChecked?: boolean }>('message-box', { options, modal: maybeOptions !== undefined })
    if (!Number.isInteger(answer.response) || answer.response < 0 || answer.response >= (options.buttons?.length ?? 1)) {
      throw new Error(`Electron stand-in: no button ${answer.response} in this message box`)
    }
    return { response: answer.response, checkboxChecked: answer.checkboxChecked ?? false }
  },
  async showOpenDialog(windowOrOptions: BrowserWindow | OpenDialogOptions, maybeOptions?: OpenDialogOptions): Promise<OpenDialogReturnValue> {
    const options = withoutWindow(windowOrOptions, maybeOptions)
    const paths = await ask<string[] | null>('open-dialog', { options })
    return paths ? { canceled: false, filePaths: paths } : { canceled: true, filePaths: [] }
  },
  async showSaveDialog(windowOrOptions: BrowserWindow | SaveDialogOptions, maybeOptions?: SaveDialogOptions): Promise<SaveDialogReturnValue> {
    const options = withoutWindow(windowOrOptions, maybeOptions)
    const path = await ask<string | null>('save-dialog', { options })
    return path ? { canceled: false, filePath: path } : { canceled: true, filePath: '' }
  },
  showMessageBoxSync(): never {
    throw new NotMimicked('dialog.showMessageBoxSync')
  },
}

/** Roles the stand-in can perform when clicked; the rest exist in the menu but cannot be clicked. */
const PERFORMED_ROLES: Record<string, () => void> = {
  quit: () => app.quit(),
  close: () => BrowserWindow.getAllWindows()[0]?.close(),
}

export class Menu {
  private static current: Menu | null = null

  private constructor(readonly items: MenuItemConstructorOptions[]) {}

  static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu {
    const check = (items: MenuItemConstructorOptions[]) => {
      for (const item of items) {
        if (!item.label && !item.role && item.type !== 'separator') throw new Error('Invalid template for MenuItem: must have at least one of label, role or type')
        if (Array.isArray(item.submenu)) check(item.submenu)
      }
    }
    check(template)
    return new Menu(template)
  }

  static setApplicationMenu(menu: Menu | null): void {
    Menu.current = menu
    const titles = (items: MenuItemConstructorOptions[]): unknown[] =>
      items.map((item) => ({ label: item.label ?? item.role ?? item.type, ...(Array.isArray(item.submenu) ? { submenu: titles(item.submenu) } : {}) }))
    report('application-menu', { menu: menu ? titles(menu.items) : null })
  }

  static getApplicationMenu(): Menu | null {
    return Menu.current
  }

  /** A user choosing File ▸ Send: the path of labels (or roles) from the menu bar. */
  static click(path: string[]): void {
    let items = Menu.current?.items ?? []
    let item: MenuItemConstructorOptions | undefined
    for (const name of path) {
      item = items.find((candidate) => (candidate.label ?? candidate.role) === name)
      if (!item) throw new Error(`Electron stand-in: no menu item ${path.join(' > ')}`)
      items = Array.isArray(item.submenu) ? item.submenu : []
    }
    if (item?.click) {
      const focused = BrowserWindow.getAllWindows()[0]
      ;(item.click as (...args: unknown[]) => void)(item, focused, { triggeredByAccelerator: false })
    } else if (item?.role && PERFORMED_ROLES[item.role]) PERFORMED_ROLES[item.role]!()
    else throw new NotMimicked(`clicking the menu item ${path.join(' > ')}`)
  }
}
onCommand('menu-click', (command) => Menu.click(command['path'] as string[]))
onCommand('close-window', () => BrowserWindow.getAllWindows()[0]?.close())

export const shell = {
  async openExternal(url: string): Promise<void> {
    report('open-external', { url })
  },
  showItemInFolder(path: string): void {
    report('show-item-in-folder', { path })
  },
  openPath(): never {
    throw new NotMimicked('shell.openPath')
  },
}

/**
 * A Linux desktop without a keyring: Chromium's `basic_text` backend, which the app treats
 * as no secret store. Encrypting with it is not mimicked (the app must not ask).
 */
export const safeStorage = {
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    if (!app.isReady()) throw new Error('safeStorage cannot be used before app is ready')
    return true
  },
  getSelectedStorageBackend(): 'basic_text' {
    if (!app.isReady()) throw new Error('safeStorage cannot be used before app is ready')
    return 'basic_text'
  },
  encryptStringAsync(): never {
    throw new NotMimicked('safeStorage encryption (the stand-in has no keyring)')
  },
  decryptStringAsync(): never {
    throw new NotMimicked('safeStorage decryption (the stand-in has no keyring)')
  },
  isEncryptionAvailable(): never {
    throw new NotMimicked('safeStorage.isEncryptionAvailable (deprecated; the app uses the async form)')
  },
}

/** One virtual 1920×1080 display: headless Chromium has no screen of its own. */
const DISPLAY = {
  id: 1,
  label: 'stand-in',
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  size: { width: 1920, height: 1080 },
  workAreaSize: { width: 1920, height: 1040 },
  scaleFactor: 1,
  rotation: 0,
  internal: false,
}

export const screen = {
  getAllDisplays() {
    if (!app.isReady()) throw new Error("The 'screen' module can't be used before the app 'ready' event")
    return [DISPLAY]
  },
  getPrimaryDisplay() {
    return screen.getAllDisplays()[0]!
  },
}
