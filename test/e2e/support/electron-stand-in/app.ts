// `app`: ready, paths, the single-instance lock, and Electron's quit sequence
// (before-quit, each window's close, will-quit, quit; any of them can be prevented).
import { EventEmitter } from 'node:events'
import { existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { connect, createServer, type Server } from 'node:net'
import { homedir, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { closeChromium, launchChromium } from './chromium'
import { NotMimicked, onCommand, preventable, report, whenControlCloses } from './control'

interface AppPackage {
  name: string
  productName?: string
  version: string
}

/** Electron runs the app whose package.json is nearest the main script (`electron .`). */
function findAppPath(): string {
  let dir = dirname(require.main?.filename ?? process.argv[1] ?? process.cwd())
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir)
    if (up === dir) throw new Error('Electron stand-in: no package.json above the main script')
    dir = up
  }
  return dir
}

/** The windows the quit sequence closes; browser-window.ts adds and removes them. */
export interface QuittableWindow {
  /** Emits 'close'; resolves false when a listener prevented it. */
  closeForQuit(): Promise<boolean>
}
export const openWindows = new Set<QuittableWindow>()

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

class StandInApp extends EventEmitter {
  readonly isPackaged = false
  private readonly appPath = findAppPath()
  private readonly pkg = JSON.parse(readFileSync(join(this.appPath, 'package.json'), 'utf8')) as AppPackage
  private readonly paths = new Map<string, string>()
  private ready = false
  private readonly readyPromise: Promise<void>
  private resolveReady!: () => void
  private quitBeforeReady = false
  private quitting = false
  private sandboxed = false
  private lock: { file: string; socket: string; server?: Server } | undefined
  private notifying: Promise<void> = Promise.resolve()

  constructor() {
    super()
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve))
    // Electron's message loop keeps the process alive until the app quits.
    setInterval(() => undefined, 1 << 30)
    // The test ends a run it no longer needs with SIGTERM: go at once, leaving nothing behind.
    process.once('SIGTERM', () => void this.shutdown(143))
    whenControlCloses(() => void this.shutdown(143))
    setImmediate(() => void this.boot())
  }

  get name(): string {
    return this.pkg.productName ?? this.pkg.name
  }

  getName(): string {
    return this.name
  }

  getVersion(): string {
    return this.pkg.version
  }

  getAppPath(): string {
    return this.appPath
  }

  getPath(name: 'home' | 'appData' | 'userData' | 'temp' | 'logs' | 'sessionData'): string {
    const set = this.paths.get(name)
    if (set) return set
    switch (name) {
      case 'home':
        return homedir()
      case 'appData':
        return process.env['XDG_CONFIG_HOME'] || join(homedir(), '.config')
      case 'userData':
      case 'sessionData':
        return join(this.getPath('appData'), this.name)
      case 'temp':
        return tmpdir()
      default:
        throw new NotMimicked(`app.getPath('${name}')`)
    }
  }

  setPath(name: string, path: string): void {
    this.paths.set(name, path)
  }

  enableSandbox(): void {
    if (this.ready) throw new Error('app.enableSandbox() can only be called before app is ready')
    this.sandboxed = true
  }

  get sandboxEnabled(): boolean {
    return this.sandboxed
  }

  isReady(): boolean {
    return this.ready
  }

  whenReady(): Promise<void> {
    return this.readyPromise
  }

  private async boot(): Promise<void> {
    if (this.quitBeforeReady) return this.finishQuitBeforeReady()
    const { endpoint } = await launchChromium()
    report('chromium', { endpoint })
    this.ready = true
    onCommand('menu-quit', () => this.quit())
    this.emit('will-finish-launching')
    this.emit('ready', preventable(), {})
    this.resolveReady()
  }

  private async finishQuitBeforeReady(): Promise<void> {
    await this.notifying
    this.emit('before-quit', preventable())
    this.emit('will-quit', preventable())
    this.emit('quit', preventable(), 0)
    await this.shutdown(0)
  }

  /**
   * Electron's lock lives in the user data folder: the first instance holds it and listens;
   * a second one hands it its argv, working directory and data, and gets false.
   */
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    if (this.lock) return true
    const dir = this.getPath('userData')
    mkdirSync(dir, { recursive: true })
    const file = join(dir, 'SingletonLock')
    const socket = join(dir, 'SingletonSocket')
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(readFileSync(file, 'utf8'))
      if (holder !== process.pid && processAlive(holder)) {
        this.notifying = this.notifyFirstInstance(socket, additionalData ?? {})
        return false
      }
      // Left by a crashed instance: take it over, as Chromium does.
      unlinkSync(file)
      return this.requestSingleInstanceLock(additionalData)
    }
    rmSync(socket, { force: true })
    const server = createServer((peer) => {
      let text = ''
      peer.setEncoding('utf8')
      peer.on('data', (chunk) => (text += chunk))
      peer.on('end', () => {
        const { argv, cwd, data } = JSON.parse(text) as { argv: string[]; cwd: string; data: unknown }
        this.emit('second-instance', preventable(), argv, cwd, data)
        peer.end()
      })
    })
    server.listen(socket)
    this.lock = { file, socket, server }
    return true
  }

  /** The first instance listens a moment after it takes the lock: retry until it does. */
  private async notifyFirstInstance(socket: string, data: Record<string, unknown>): Promise<void> {
    const message = JSON.stringify({ argv: process.argv, cwd: process.cwd(), data })
    for (let attempt = 0; attempt < 100; attempt++) {
      const sent = await new Promise<boolean>((resolve) => {
        const peer = connect(socket, () => peer.end(message))
        peer.on('close', (hadError) => resolve(!hadError))
        peer.on('error', () => resolve(false))
      })
      if (sent) return
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error('Electron stand-in: the first instance never answered')
  }

  hasSingleInstanceLock(): boolean {
    return this.lock !== undefined
  }

  quit(): void {
    if (!this.ready) {
      this.quitBeforeReady = true
      return
    }
    void this.runQuit()
  }

  private async runQuit(): Promise<void> {
    if (this.quitting) return
    this.quitting = true
    try {
      const beforeQuit = preventable()
      this.emit('before-quit', beforeQuit)
      if (beforeQuit.defaultPrevented) return
      for (const window of [...openWindows]) {
        // A window that refuses to close cancels the quit, as in Electron.
        if (!(await window.closeForQuit())) return
      }
      const willQuit = preventable()
      this.emit('will-quit', willQuit)
      if (willQuit.defaultPrevented) return
      this.emit('quit', preventable(), 0)
      await this.shutdown(0)
    } finally {
      this.quitting = false
    }
  }

  get isQuitting(): boolean {
    return this.quitting
  }

  /** The last window closed, not by a quit: Electron quits unless someone listens. */
  lastWindowClosed(): void {
    if (this.quitting) return
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed', preventable())
    else this.quit()
  }

  /** No events, no questions: windows are destroyed and the process ends with `code`. */
  exit(code = 0): void {
    void this.shutdown(code)
  }

  focus(): void {
    report('app-focus')
  }

  private shuttingDown = false

  private async shutdown(code: number): Promise<void> {
    if (this.shuttingDown) return
    this.shuttingDown = true
    report('exit', { code })
    if (this.lock) {
      this.lock.server?.close()
      rmSync(this.lock.socket, { force: true })
      rmSync(this.lock.file, { force: true })
    }
    await closeChromium()
    process.exit(code)
  }
}

export const app = new StandInApp()
