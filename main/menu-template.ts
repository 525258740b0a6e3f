// The application menu as data: the usual roles and shortcuts per platform, and the
// File items that ask the renderer to act (AppCommand). menu.ts hands it to Electron.
import type { MenuItemConstructorOptions } from 'electron'
import type { AppCommand } from '../preload/contract'

export interface MenuActions {
  command(command: AppCommand): void
  openExternal(url: string): void
}

export interface MenuOptions {
  platform: NodeJS.Platform
  appName: string
  /** Developer tools only where a developer runs the app. */
  isPackaged: boolean
}

export const HELP_LINKS = [
  { label: 'SMTP (RFC 5321)', url: 'https://www.rfc-editor.org/rfc/rfc5321' },
  { label: 'Enhanced Status Codes (RFC 3463)', url: 'https://www.rfc-editor.org/rfc/rfc3463' },
  { label: 'SMTP Enhanced Status Code Registry', url: 'https://www.iana.org/assignments/smtp-enhanced-status-codes/' },
] as const

export function menuTemplate(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Message', accelerator: 'CmdOrCtrl+N', click: () => actions.command('new-message') },
      // The page handles Ctrl/Cmd+O itself too (use-global-shortcuts.ts), like Send.
      { label: 'Open Session…', accelerator: 'CmdOrCtrl+O', registerAccelerator: false, click: () => actions.command('open-session') },
      { type: 'separator' },
      // The page handles Ctrl/Cmd+Enter and Esc itself (so they work in every field): the
      // menu shows them without registering them, or a key press would send twice.
      { label: 'Send', accelerator: 'CmdOrCtrl+Enter', registerAccelerator: false, click: () => actions.command('send') },
      mac
        ? { label: 'Cancel Send', click: () => actions.command('cancel') }
        : { label: 'Cancel Send', accelerator: 'Escape', registerAccelerator: false, click: () => actions.command('cancel') },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  }
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      ...(options.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  }
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      ...HELP_LINKS.map(({ label, url }) => ({ label, click: () => actions.openExternal(url) })),
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const]),
    ],
  }
  return [
    ...(mac ? [{ label: options.appName, role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    help,
  ]
}
