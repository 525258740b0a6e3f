// Electron's Chromium, stood in for by Debian's: one persistent browser context is the
// default session (its profile in a temp folder, removed at exit). Launched at `ready`.
// --remote-debugging-port lets the test attach to the same pages (DevToolsActivePort).
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { NotMimicked } from './control'

const CHROMIUM = '/usr/bin/chromium'
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  // Electron has no popup blocker: every window.open reaches the window-open handler.
  '--disable-popup-blocking',
  '--remote-debugging-port=0',
]

let launched: { context: BrowserContext; profile: string; endpoint: string } | undefined

export async function launchChromium(): Promise<{ context: BrowserContext; endpoint: string }> {
  if (launched) return launched
  const profile = await mkdtemp(join(tmpdir(), 'mailwire-stand-in-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: null,
  })
  const port = (await readFile(join(profile, 'DevToolsActivePort'), 'utf8')).split('\n')[0]
  launched = { context, profile, endpoint: `http://127.0.0.1:${port}` }
  return launched
}

export function context(): BrowserContext {
  if (!launched) throw new NotMimicked('using the session before the app is ready')
  return launched.context
}

export async function closeChromium(): Promise<void> {
  if (!launched) return
  const { context, profile } = launched
  launched = undefined
  await context.close().catch(() => undefined)
  await rm(profile, { recursive: true, force: true }).catch(() => undefined)
}
