// BrowserWindow and its webContents, each backed by a Playwright page in the stand-in's
// Chromium. Every request of a window's page goes through routeRequest: navigations the
// page starts raise will-navigate / will-frame-navigate (preventable), app:// requests are
// answered by the protocol handler, http(s) responses pass the session's header listener,
// and a new window the page opens goes to the window-open handler.
import { EventEmitter } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BrowserWindowConstructorOptions, HandlerDetails, WebPreferences, WindowOpenHandlerResponse } from 'electron'
import type { Frame, Page, Route } from 'playwright-core'
import { app, openWindows, type QuittableWindow } from './app'
import { context } from './chromium'
import { NotMimicked, preventable, report } from './control'
import { preloadScript } from './page-electron'
import { appUrl, invokeHandlers, pageUrl, protocolHandlers, sessionState } from './session'

/**
 * What a plain Chromium page is: sandboxed, isolated (in its own way), no Node. A window
 * asking for anything else cannot be mimicked, so the stand-in refuses to open it.
 */
function checkWebPreferences(prefs: WebPreferences | undefined): void {
  const p = prefs ?? {}
  const refuse = (what: string) => {
    throw new NotMimicked(`a window with ${what}`)
  }
  if (p.nodeIntegration) refuse('nodeIntegration')
  if (p.nodeIntegrationInWorker) refuse('nodeIntegrationInWorker')
  if (p.nodeIntegrationInSubFrames) refuse('nodeIntegrationInSubFrames')
  if (p.contextIsolation === false) refuse('contextIsolation off')
  if (p.sandbox === false && !app.sandboxEnabled) refuse('sandbox off')
  if (p.webviewTag) refuse('webviewTag')
  if (p.webSecurity === false) refuse('webSecurity off')
  if (p.allowRunningInsecureContent) refuse('allowRunningInsecureContent')
  if (p.preload !== undefined && (!isAbsolute(p.preload) || !existsSync(p.preload))) {
    throw new Error(`Unable to load preload script: ${p.preload}`)
  }
}

/** Electron's WebFrameMain, as much as the app reads: url, parent, top. One object per frame. */
interface FrameInfo {
  readonly url: string
  readonly parent: FrameInfo | null
  readonly top: FrameInfo
}
const frameInfos = new WeakMap<Frame, FrameInfo>()
function frameInfo(frame: Frame): FrameInfo {
  let info = frameInfos.get(frame)
  if (!info) {
    const parentFrame = frame.parentFrame()
    info = {
      get url() {
        return appUrl(frame.url())
      },
      parent: parentFrame ? frameInfo(parentFrame) : null,
      get top(): FrameInfo {
        return parentFrame ? frameInfo(frame.page().mainFrame()) : info!
      },
    }
    frameInfos.set(frame, info)
  }
  return info
}

const contentsOfPage = new Map<Page, WebContents>()
let nextId = 1
let wired = false
/** Pages the stand-in is opening for windows: any other new page is a new window refused. */
let creatingPages = 0

/** Once per process: the context-wide route, the IPC binding and the popup watch. */
async function wireContext(): Promise<void> {
  if (wired) return
  wired = true
  const ctx = context()
  await ctx.route('**/*', (route) => routeRequest(route))
  await ctx.exposeBinding('__standInIpcInvoke', async (source, channel: string, args: unknown[]) => {
    const contents = contentsOfPage.get(source.page)
    const handler = invokeHandlers.get(channel)
    if (!contents) return { ok: false, message: 'Electron stand-in: IPC from a page that is no window' }
    if (!handler) return { ok: false, message: `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'` }
    const event = { sender: contents, senderFrame: frameInfo(source.frame), processId: 1, frameId: 1 }
    try {
      return { ok: true, value: await handler(event as never, ...args) }
    } catch (error) {
      return { ok: false, message: `Error invoking remote method '${channel}': ${String(error)}` }
    }
  })
  // Pages no window stands for (the profile's first blank tab, a refused new window) go.
  for (const page of ctx.pages()) if (!contentsOfPage.has(page)) void page.close()
  ctx.on('page', (page) => {
    if (creatingPages === 0 && !contentsOfPage.has(page)) void page.close()
  })
}

async function routeRequest(route: Route): Promise<void> {
  const request = route.request()
  let frame: Frame | undefined
  try {
    frame = request.frame()
  } catch {
    frame = undefined
  }
  const page = frame?.page()
  const contents = page ? contentsOfPage.get(page) : undefined
  if (!frame && request.isNavigationRequest()) return popupRequest(route)
  if (!frame || !contents || contents.isDestroyed()) return route.abort('blockedbyclient')
  return contents.handleRequest(route, frame)
}

/**
 * A new window's first navigation (window.open, a target=_blank link): Chromium issues it
 * before the new page exists for Playwright, so the request has no frame. The window-open
 * handler of the window that opened it decides; the page that was to hold it is closed.
 * With several windows the stand-in cannot tell which one opened it, and says so.
 */
async function popupRequest(route: Route): Promise<void> {
  const windows = [...contentsOfPage.values()].filter((contents) => !contents.isDestroyed())
  if (windows.length !== 1) {
    await route.abort('blockedbyclient')
    throw new NotMimicked('telling which of several windows opened a new window')
  }
  const url = appUrl(route.request().url())
  const decision = windows[0]!.openWindow(url)
  report('window-open', { url, action: decision.action })
  await route.abort('blockedbyclient')
  if (decision.action === 'allow') throw new NotMimicked('allowing a new window (setWindowOpenHandler → allow)')
}

export class WebContents extends EventEmitter {
  readonly id = nextId++
  readonly page: Promise<Page>
  private openPage: Page | undefined
  private destroyed = false
  private windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | undefined
  /** The URL loadURL is going to: that navigation is the app's, not the page's. */
  private expectedNavigation: string | undefined
  private delivery: Promise<unknown> = Promise.resolve()

  constructor(
    readonly owner: BrowserWindow,
    private readonly prefs: WebPreferences,
    size: { width: number; height: number },
  ) {
    super()
    this.page = this.createPage(size)
  }

  get session(): never {
    throw new NotMimicked('webContents.session (the app uses session.defaultSession)')
  }

  private async createPage(size: { width: number; height: number }): Promise<Page> {
    creatingPages++
    const page = await context()
      .newPage()
      .finally(() => creatingPages--)
    contentsOfPage.set(page, this)
    await wireContext()
    await page.setViewportSize(size)
    if (this.prefs.preload) await page.addInitScript({ content: preloadScript(readFileSync(this.prefs.preload, 'utf8'), this.prefs.preload) })
    page.on('domcontentloaded', () => this.emit('dom-ready', preventable()))
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) void this.grantPagePermissions(frame.url())
    })
    this.openPage = page
    return page
  }

  /** The page's clipboard write as the session's check handler decides (Electron asks it on use). */
  private async grantPagePermissions(url: string): Promise<void> {
    const check = sessionState.permissionCheck
    if (!check || !/^https?:/.test(url)) return
    const electronUrl = appUrl(url)
    const allowed = check(this, 'clipboard-sanitized-write', electronUrl, { requestingUrl: electronUrl, isMainFrame: true })
    if (allowed) await context().grantPermissions(['clipboard-write'], { origin: new URL(url).origin })
  }

  async handleRequest(route: Route, frame: Frame): Promise<void> {
    const request = route.request()
    const url = appUrl(request.url())
    const isMainFrame = frame.parentFrame() === null
    if (request.isNavigationRequest()) {
      if (isMainFrame && this.expectedNavigation === request.url()) {
        this.expectedNavigation = undefined
      } else {
        const details = { url, isMainFrame, isSameDocument: false, frame: frameInfo(frame), initiator: null }
        const navigate = preventable({ ...details })
        if (isMainFrame) this.emit('will-navigate', navigate, url, false, true)
        const frameNavigate = preventable({ ...details })
        if (!navigate.defaultPrevented) this.emit('will-frame-navigate', frameNavigate)
        const prevented = navigate.defaultPrevented || frameNavigate.defaultPrevented
        report('navigation', { url, isMainFrame, prevented })
        if (prevented) return route.abort('aborted')
      }
    }
    const scheme = new URL(url).protocol.slice(0, -1)
    const handler = protocolHandlers.get(scheme)
    if (handler) {
      // Electron runs no webRequest header listener for a custom scheme's responses.
      const body = request.postDataBuffer()
      const response = await handler(new Request(url, { method: request.method(), headers: request.headers(), ...(body ? { body } : {}) }))
      return route.fulfill({
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: Buffer.from(await response.arrayBuffer()),
      })
    }
    if (scheme !== 'http' && scheme !== 'https') return route.abort('blockedbyclient')
    const response = await route.fetch({ maxRedirects: 0 })
    if (request.isNavigationRequest() && response.status() >= 300 && response.status() < 400) {
      const redirect = preventable({ url: response.headers()['location'] ?? '', isMainFrame, frame: frameInfo(frame) })
      this.emit('will-redirect', redirect)
      if (redirect.defaultPrevented) return route.abort('aborted')
    }
    let headers = response.headersArray().reduce<Record<string, string[]>>((all, { name, value }) => {
      ;(all[name] ??= []).push(value)
      return all
    }, {})
    const listener = sessionState.headersListener
    if (listener) {
      const answer = await new Promise<{ cancel?: boolean; responseHeaders?: Record<string, string | string[]> }>((resolve) =>
        listener(
          {
            id: 0,
            url,
            method: request.method(),
            resourceType: request.resourceType() === 'document' ? (isMainFrame ? 'mainFrame' : 'subFrame') : request.resourceType(),
            referrer: '',
            timestamp: Date.now(),
            statusLine: `HTTP/1.1 ${response.status()} ${response.statusText()}`,
            statusCode: response.status(),
            responseHeaders: headers,
            webContents: this,
            frame: frameInfo(frame),
          } as never,
          resolve as never,
        ),
      )
      if (answer.cancel) return route.abort('blockedbyclient')
      if (answer.responseHeaders) {
        headers = Object.fromEntries(Object.entries(answer.responseHeaders).map(([name, value]) => [name, Array.isArray(value) ? value : [value]]))
      }
    }
    return route.fulfill({ response, headers: Object.fromEntries(Object.entries(headers).map(([name, values]) => [name, values.join(', ')])) })
  }

  openWindow(url: string): WindowOpenHandlerResponse {
    const details = { url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } } as HandlerDetails
    // Without a handler Electron opens the window: the stand-in cannot.
    if (!this.windowOpenHandler) return { action: 'allow' }
    return this.windowOpenHandler(details)
  }

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler
  }

  async loadURL(url: string): Promise<void> {
    const target = pageUrl(url)
    if (!/^https?:|^file:/.test(target)) throw new NotMimicked(`loadURL('${url}')`)
    const page = await this.page
    this.expectedNavigation = new URL(target).href
    const response = await page.goto(target, { waitUntil: 'load' })
    report('window-loaded', { url, status: response?.status() ?? null })
    this.emit('did-finish-load', preventable())
  }

  async loadFile(path: string): Promise<void> {
    return this.loadURL(pathToFileURL(path).href)
  }

  getURL(): string {
    return this.openPage ? appUrl(this.openPage.url()) : ''
  }

  /** Events to the page, in order, as Electron delivers them. */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    this.delivery = this.delivery
      .then(async () => (await this.page).evaluate(([c, a]) => (globalThis as unknown as { __standInEmit(c: string, a: unknown[]): void }).__standInEmit(c, a), [channel, args] as const))
      .catch(() => undefined)
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return
    this.destroyed = true
    const page = await this.page
    contentsOfPage.delete(page)
    await page.close()
    this.emit('destroyed', preventable())
  }
}

const allWindows = new Set<BrowserWindow>()

export class BrowserWindow extends EventEmitter implements QuittableWindow {
  static getAllWindows(): BrowserWindow[] {
    return [...allWindows]
  }

  readonly id: number
  readonly webContents: WebContents
  private destroyed = false
  private visible: boolean
  private maximized = false
  private minimized = false
  private bounds: { x: number; y: number; width: number; height: number }

  constructor(options: BrowserWindowConstructorOptions = {}) {
    super()
    if (!app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready')
    checkWebPreferences(options.webPreferences)
    if (options.icon !== undefined && (typeof options.icon !== 'string' || !existsSync(options.icon))) {
      throw new NotMimicked('a window icon that is not the path of an existing file')
    }
    this.id = nextId++
    this.visible = options.show !== false
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 }
    report('window-created', {
      title: options.title ?? null,
      icon: options.icon ?? null,
      show: this.visible,
      bounds: this.bounds,
      minSize: { width: options.minWidth ?? 0, height: options.minHeight ?? 0 },
      webPreferences: options.webPreferences ?? {},
      sandboxEnabled: app.sandboxEnabled,
    })
    this.webContents = new WebContents(this, options.webPreferences ?? {}, { width: this.bounds.width, height: this.bounds.height })
    allWindows.add(this)
    openWindows.add(this)
    app.emit('web-contents-created', preventable(), this.webContents)
    app.emit('browser-window-created', preventable(), this)
    // Electron's ready-to-show: the page has rendered its first frame.
    void this.webContents.page.then((page) =>
      page.once('load', () => {
        if (!this.destroyed) this.emit('ready-to-show', preventable())
      }),
    )
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url)
  }

  loadFile(path: string): Promise<void> {
    return this.webContents.loadFile(path)
  }

  show(): void {
    this.visible = true
    report('window-shown', { id: this.id })
  }

  isVisible(): boolean {
    return this.visible
  }

  focus(): void {
    this.minimized = false
    report('window-focused', { id: this.id })
    void this.webContents.page.then((page) => page.bringToFront())
  }

  isMinimized(): boolean {
    return this.minimized
  }

  minimize(): void {
    this.minimized = true
  }

  restore(): void {
    this.minimized = false
    report('window-restored', { id: this.id })
  }

  maximize(): void {
    this.maximized = true
    this.emit('maximize', preventable())
  }

  unmaximize(): void {
    this.maximized = false
    this.emit('unmaximize', preventable())
  }

  isMaximized(): boolean {
    return this.maximized
  }

  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds }
  }

  getBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds }
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  /** As the close button does: 'close' may be prevented; otherwise the window goes. */
  close(): void {
    void this.tryClose().then((closed) => {
      if (closed && allWindows.size === 0) app.lastWindowClosed()
    })
  }

  closeForQuit(): Promise<boolean> {
    return this.tryClose()
  }

  private async tryClose(): Promise<boolean> {
    if (this.destroyed) return true
    const event = preventable()
    this.emit('close', event)
    if (event.defaultPrevented) {
      report('window-close-prevented', { id: this.id })
      return false
    }
    await this.destroy()
    return true
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return
    this.destroyed = true
    allWindows.delete(this)
    openWindows.delete(this)
    await this.webContents.destroy()
    report('window-closed', { id: this.id })
    this.emit('closed')
  }
}
