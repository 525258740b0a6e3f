// The one window: context isolation, sandbox, no Node, no webviews, no spellcheck
// service, and its size and position remembered between runs.
import { join } from 'node:path'
import { BrowserWindow, screen } from 'electron'
import { APP_INDEX_URL } from './app-protocol'
import { MIN_WINDOW_SIZE, fitToDisplays, loadWindowState, saveWindowState, type WindowState } from './window-state'

/** Moving or resizing fires many events: save once the window has been still this long. */
const SAVE_STATE_DELAY_MS = 500

export interface MainWindowOptions {
  preload: string
  /** The dev server in development; otherwise the packaged page, app://mailwire/index.html. */
  devServerUrl?: string
  windowStateFile: string
  /** The app icon (build/icon.png, packaged beside out/): the title bar and taskbar on Linux. */
  icon?: string
}

export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const saved = await loadWindowState(options.windowStateFile)
  const state = fitToDisplays(saved, screen.getAllDisplays().map((display) => display.workArea))
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Mailwire',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  })
  if (state.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())
  rememberWindowState(window, options.windowStateFile)

  // Not awaited: the window exists (for focus, dialogs, events) while the page loads.
  void window.loadURL(options.devServerUrl ?? APP_INDEX_URL)
  return window
}

function rememberWindowState(window: BrowserWindow, file: string): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const current = (): WindowState => {
    // The normal bounds: what the window returns to when un-maximized.
    const bounds = window.getNormalBounds()
    return { ...bounds, maximized: window.isMaximized() }
  }
  const save = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    if (!window.isDestroyed()) void saveWindowState(file, current()).catch(() => undefined)
  }
  const later = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(save, SAVE_STATE_DELAY_MS)
  }
  window.on('resize', later)
  window.on('move', later)
  window.on('maximize', later)
  window.on('unmaximize', later)
  window.on('close', save)
}

export const defaultPaths = {
  preload: join(__dirname, '../preload/index.js'),
  /** Served as app://mailwire/ (main/app-protocol.ts). */
  rendererDir: join(__dirname, '../renderer'),
  icon: join(__dirname, '../../build/icon.png'),
}
