// The Electron stand-in for the main process: a test build of main/index.ts imports this
// as `electron` (../build-main.ts). Same contracts as Electron's typings for what main/
// uses; a Playwright page in Debian's Chromium behind each BrowserWindow. Where it cannot
// do what Electron does, it throws NotMimicked rather than pretend. README ("What the
// tests cover") lists what it mimics and what only a machine with Electron can check.
export { app } from './app'
export { BrowserWindow, WebContents } from './browser-window'
export { ipcMain, protocol, session } from './session'
export { Menu, dialog, safeStorage, screen, shell } from './os-services'

import { NotMimicked } from './control'

export const nativeImage = {
  createFromPath(): never {
    throw new NotMimicked('nativeImage')
  },
}
