// Runs the test build of the real main/index.ts (build-main.ts) in a child Node process,
// as Electron would run it, and speaks the stand-in's line protocol (electron-stand-in/
// control.ts): its events on stdout, the user's acts and dialog answers on stdin.
//
//   const main = await launchMain()               // a fresh XDG_CONFIG_HOME: a first run
//   const page = await main.page()                // the window's page, over CDP
//   const box = await main.waitFor('message-box') // a dialog the app shows
//   main.answer(box, { response: 0 })
//   main.send({ type: 'menu-click', path: ['File', 'quit'] })
//   expect(await main.exited).toEqual({ code: 0, signal: null })
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { builtMain } from './build-main'
import { EVENT_PREFIX } from './electron-stand-in/control'

export interface StandInEvent {
  type: string
  [key: string]: unknown
}

export interface MainProcess {
  /** XDG_CONFIG_HOME of the run; the app's data is in `<configHome>/mailwire`. */
  configHome: string
  userData: string
  events: StandInEvent[]
  /** The first event of this type (and matching `where`), past or future; rejects if the process ends first. */
  waitFor(type: string, where?: (event: StandInEvent) => boolean): Promise<StandInEvent>
  send(command: StandInEvent): void
  answer(question: StandInEvent, value: unknown): void
  /** The main window's page, attached over CDP once it has loaded. */
  page(): Promise<Page>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  output(): string
  /** Ends the process (SIGTERM) if it still runs, detaches, removes configHome if it made it. */
  close(): Promise<void>
}

export interface LaunchOptions {
  /** Share another run's home (a second instance); default: a fresh one, removed by close(). */
  configHome?: string
  /** Runs before the process starts, with the app's user data folder (not yet created). */
  prepare?: (userData: string) => Promise<void>
}

export async function launchMain(options: LaunchOptions = {}): Promise<MainProcess> {
  const main = await builtMain()
  const ownHome = options.configHome === undefined
  const configHome = options.configHome ?? (await mkdtemp(join(tmpdir(), 'mailwire-stand-in-home-')))
  await options.prepare?.(join(configHome, 'mailwire'))
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: { ...process.env, XDG_CONFIG_HOME: configHome, ELECTRON_RENDERER_URL: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const events: StandInEvent[] = []
  const waiters: Array<{ type: string; where: (event: StandInEvent) => boolean; resolve(event: StandInEvent): void; reject(error: Error): void }> = []
  let text = ''
  let pending = ''
  let ended = false

  child.stdout!.setEncoding('utf8')
  child.stderr!.setEncoding('utf8')
  child.stderr!.on('data', (chunk: string) => (text += chunk))
  child.stdout!.on('data', (chunk: string) => {
    text += chunk
    pending += chunk
    let newline: number
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline)
      pending = pending.slice(newline + 1)
      if (!line.startsWith(EVENT_PREFIX)) continue
      const event = JSON.parse(line.slice(EVENT_PREFIX.length)) as StandInEvent
      events.push(event)
      for (const waiter of [...waiters]) {
        if (waiter.type === event.type && waiter.where(event)) {
          waiters.splice(waiters.indexOf(waiter), 1)
          waiter.resolve(event)
        }
      }
    }
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      ended = true
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`main process ended (${code ?? signal}) before "${waiter.type}":\n${text}`))
      resolve({ code, signal })
    }),
  )

  const waitFor: MainProcess['waitFor'] = (type, where = () => true) => {
    const seen = events.find((event) => event.type === type && where(event))
    if (seen) return Promise.resolve(seen)
    if (ended) return Promise.reject(new Error(`main process ended before "${type}":\n${text}`))
    return new Promise((resolve, reject) => waiters.push({ type, where, resolve, reject }))
  }

  let browser: Browser | undefined
  const send = (command: StandInEvent) => child.stdin!.write(`${JSON.stringify(command)}\n`)
  return {
    configHome,
    userData: join(configHome, 'mailwire'),
    events,
    waitFor,
    send,
    answer: (question, value) => send({ type: 'answer', id: question['id'] as number, value }),
    async page() {
      const { endpoint } = (await waitFor('chromium')) as StandInEvent & { endpoint: string }
      const loaded = (await waitFor('window-loaded')) as StandInEvent & { url: string }
      browser ??= await chromium.connectOverCDP(endpoint)
      const pageUrl = loaded.url.replace(/^app:/, 'https:')
      const page = browser.contexts()[0]!.pages().find((candidate) => candidate.url() === pageUrl)
      if (!page) throw new Error(`no page at ${pageUrl}`)
      return page
    },
    exited,
    output: () => text,
    async close() {
      await browser?.close().catch(() => undefined)
      if (!ended) {
        child.stdin!.end()
        child.kill('SIGTERM')
      }
      await exited
      if (ownHome) await rm(configHome, { recursive: true, force: true })
    },
  }
}
