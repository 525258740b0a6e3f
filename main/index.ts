// The Electron entry: one instance, one hardened window, the services on the user data
// folder, the IPC handlers behind the sender check, the menu, and a careful quit.
import { BrowserWindow, app, dialog, protocol, session } from 'electron'
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-protocol'
import { electronRegistry, webContentsSink } from './ipc/electron-registry'
import { createSenderPolicy, registerIpc } from './ipc'
import { installMenu } from './menu'
import { guardWindowClose, settleWritesBeforeExit } from './quit-guard'
import { hardenApp } from './security'
import { createServices } from './services'
import { electronDialogs } from './services/adapters/electron-dialogs'
import { safeStorageSecretStore } from './services/adapters/safe-storage-secret-store'
import { userDataDir } from './services/adapters/user-data-dir'
import { defaultSessionEngine } from './services/session/default-engine'
import { createMainWindow, defaultPaths } from './window'
import { join } from 'node:path'

/** electron-vite sets this in development only; a packaged app never trusts a dev server. */
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']

let mainWindow: BrowserWindow | undefined

async function start(): Promise<void> {
  const senderPolicy = createSenderPolicy({ ...(devServerUrl ? { devServerUrl } : {}), appOrigin: APP_ORIGIN })
  hardenApp(session.defaultSession, devServerUrl, senderPolicy, defaultPaths.rendererDir)
  const dataDir = userDataDir()
  const sink = webContentsSink(() => mainWindow?.webContents)
  const services = await createServices({
    dataDir,
    secretStore: safeStorageSecretStore(),
    sink,
    dialogs: electronDialogs(() => mainWindow),
    appInfo: { version: app.getVersion(), platform: process.platform },
    engine: defaultSessionEngine,
  })
  settleWritesBeforeExit(() => services.inbox.stop())
  registerIpc(electronRegistry(), services, senderPolicy)
  installMenu(sink)

  const openWindow = async () => {
    const window = await createMainWindow({
      ...defaultPaths,
      ...(devServerUrl ? { devServerUrl } : {}),
      windowStateFile: join(dataDir, 'window-state.json'),
    })
    mainWindow = window
    guardWindowClose(window, services, sink)
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = undefined
    })
  }
  await openWindow()
  // macOS keeps the app running without windows; the Dock icon brings one back.
  app.on('activate', () => {
    if (!mainWindow) void openWindow()
  })
}

// Every renderer sandboxed, whatever its webPreferences say.
app.enableSandbox()
// Before ready, or Chromium treats app: URLs as opaque (no origin, no secure context).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app
    .whenReady()
    .then(start)
    .catch((error: Error) => {
      dialog.showErrorBox('Mailwire could not start', error.message)
      app.exit(1)
    })
}
