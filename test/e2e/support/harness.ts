// The e2e harness: the built renderer in Debian's Chromium, with the real main process
// behind it. Only Electron's transport is replaced.
//
//   const app = await startApp({ profiles: [postfixProfile(inject('postfix')!)] })
//   await app.page.getByTestId('send').click()
//   await app.screenshot('sent')            // test-results/screenshots/sent.png
//   await app.close()
//
// startApp(options?)      launches Chromium, opens the app, resolves once window.mailwire exists
//   options.profiles      ProfileInput[] saved through the real profiles service first; the
//                         first is marked last used, so it is selected (without any, it is a
//                         first run: the built-in local test inbox is the one profile)
//   options.draft         a ComposeModel saved as the draft first (restored at start)
//   options.dataDir       reuse a data folder (a "restart"); pass secretStore with it
//   options.secretStore   default: a fresh fakeSecretStore() (real AES, random key)
//   options.viewport      default 1280×820, the window's default size
//   options.dnsServers    DNS servers for MX lookups (a responder the test started on 127.0.0.1)
//   options.keptMessageBound  largest message kept for the .eml export (default 25 MiB)
// RunningApp
//   page, url             the Playwright page and the renderer's URL
//   services, dataDir     the real services and their temp data folder
//   dialogs               fake save/open dialogs: push answers to saveAnswers / openAnswers
//   profiles              the seeded profiles, with their ids
//   invocations, events   every IPC call (channel, payload, result) and pushed event
//   consoleErrors         page errors and console errors (CSP violations included)
//   screenshot(name)      full-window PNG in test-results/screenshots/, returns the path
//   close()               closes Chromium, servers; removes dataDir unless you passed one
//
// How it fits together: preload/index.ts is built with Vite, `electron` aliased to
// fake-electron.ts, and added with addInitScript. Its ipcRenderer.invoke calls the
// Playwright binding __mailwireInvoke, which calls the handler registerIpc registered, with
// a SenderInfo made from the calling frame (URL, main frame or not): the real sender check,
// payload checks, services and engine run. Events go back through window.__mailwireEmit.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Frame, type Page } from 'playwright-core'
import type { Channel, ComposeModel, Profile, ProfileInput, Result } from '../../../preload/contract'
import { createMapRegistry, createSenderPolicy, registerIpc, type SenderInfo } from '../../../main/ipc'
import { createServices, type EventSink, type Services } from '../../../main/services'
import { defaultSessionEngine } from '../../../main/services/session/default-engine'
import { fakeDialogs, type FakeDialogs } from '../../services/support/fake-dialogs'
import { fakeSecretStore, type FakeSecretStore } from '../../services/support/fake-secret-store'
import { APP_ORIGIN } from '../../../main/app-protocol'
import { builtPreload } from './build-preload'
import { serveFolder } from './static-server'

const ROOT = join(__dirname, '..', '..', '..')
export const RENDERER_DIR = join(ROOT, 'out', 'renderer')
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots')

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
]

export interface StartAppOptions {
  profiles?: ProfileInput[]
  draft?: ComposeModel
  dataDir?: string
  secretStore?: FakeSecretStore
  viewport?: { width: number; height: number }
  dnsServers?: string[]
  /** Largest message kept for the .eml export (the services' keptMessageBound). */
  keptMessageBound?: number
}

export interface Invocation {
  channel: string
  payload: unknown
  sender: SenderInfo
  result: Result<unknown>
}

export interface RunningApp {
  page: Page
  url: string
  services: Services
  dataDir: string
  secretStore: FakeSecretStore
  dialogs: FakeDialogs
  profiles: Profile[]
  invocations: Invocation[]
  events: Array<{ channel: Channel; payload: unknown }>
  consoleErrors: string[]
  screenshot(name: string): Promise<string>
  close(): Promise<void>
}

export { postfixProfile } from '../../support/postfix-profile'

/** Who is calling: the frame's URL, and whether it is the top-level frame. */
function senderFrom(frame: Frame): SenderInfo {
  return { url: frame.url(), isMainFrame: frame.parentFrame() === null }
}

export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`${RENDERER_DIR} is missing: run \`npm run build\` first (npm run test:e2e does).`)
  }
  const ownDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'mailwire-e2e-data-')))
  const secretStore = options.secretStore ?? fakeSecretStore()
  const dialogs = fakeDialogs()
  const events: RunningApp['events'] = []
  const invocations: Invocation[] = []
  const consoleErrors: string[] = []

  let page: Page | undefined
  // Events are delivered in order: each waits for the one before.
  let delivery: Promise<unknown> = Promise.resolve()
  const sink: EventSink = {
    send(channel, payload) {
      events.push({ channel, payload })
      const target = page
      if (!target) return
      delivery = delivery
        .then(() => target.evaluate(([c, p]) => (globalThis as unknown as HarnessPage).__mailwireEmit(c, p), [channel, payload] as const))
        .catch(() => undefined)
    },
  }

  const services = await createServices({
    dataDir,
    secretStore,
    sink,
    dialogs,
    appInfo: { version: '0.0.0-e2e', platform: process.platform },
    engine: defaultSessionEngine,
    ...(options.dnsServers ? { dnsServers: options.dnsServers } : {}),
    ...(options.keptMessageBound !== undefined ? { keptMessageBound: options.keptMessageBound } : {}),
  })
  const profiles: Profile[] = []
  for (const input of options.profiles ?? []) profiles.push(await services.profiles.save(input))
  // Seeded profiles stand for a user who set a server up: theirs is the one in use.
  if (profiles[0]) await services.profiles.markUsed(profiles[0].id)
  if (options.draft) await services.drafts.save(options.draft)

  const [server, preload] = await Promise.all([serveFolder(RENDERER_DIR), builtPreload()])
  const registry = createMapRegistry()
  registerIpc(
    registry,
    services,
    createSenderPolicy({ devServerUrl: server.url, appOrigin: APP_ORIGIN }),
    () => undefined,
  )

  let browser: Browser | undefined
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 820 } })
    page = await context.newPage()
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() !== 'error') return
      const where = message.location().url
      consoleErrors.push(`console: ${message.text()}${where ? ` (${where})` : ''}`)
    })
    await page.exposeBinding('__mailwireInvoke', async (source, channel: string, payload: unknown) => {
      const sender = senderFrom(source.frame)
      const result = await registry.invoke(channel, sender, payload)
      invocations.push({ channel, payload, sender, result })
      return result
    })
    await page.addInitScript({ path: preload })
    await page.goto(server.url)
    await page.waitForFunction(() => 'mailwire' in globalThis)
  } catch (error) {
    await browser?.close()
    await server.close()
    throw error
  }

  const openBrowser = browser
  const openPage = page
  return {
    page: openPage,
    url: server.url,
    services,
    dataDir,
    secretStore,
    dialogs,
    profiles,
    invocations,
    events,
    consoleErrors,
    async screenshot(name) {
      await mkdir(SCREENSHOT_DIR, { recursive: true })
      const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`)
      await openPage.screenshot({ path })
      return path
    },
    async close() {
      page = undefined
      await services.session.idle()
      await services.console.closeAll()
      await services.inbox.stop()
      await services.drafts.flush()
      await openBrowser.close()
      await server.close()
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** What the fake electron module installs on the page (see fake-electron.ts). */
export interface HarnessPage {
  __mailwireEmit(channel: string, payload: unknown): void
  __mailwireListenerCount(channel: string): number
}
