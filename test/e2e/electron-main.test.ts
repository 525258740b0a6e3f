// The real main/index.ts, built with `electron` aliased to the stand-in
// (support/electron-stand-in), run as its own process: what a user meets when the app
// starts, sends, is asked to navigate away, is quit, is started twice, or cannot start.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../main/csp'
import { launchMain, type LaunchOptions, type MainProcess } from './support/launch-main'

/** The little of the DOM these tests touch inside the page (the node project has no DOM types). */
interface PageElement {
  id: string
  href: string
  target: string
  textContent: string | null
  append(node: PageElement): void
  prepend(node: PageElement): void
}
interface PageGlobals {
  location: { href: string }
  document: {
    body: PageElement
    createElement(tag: string): PageElement
    addEventListener(type: 'securitypolicyviolation', listener: (event: { effectiveDirective: string }) => void, options: { once: boolean }): void
  }
}

const running: MainProcess[] = []
async function start(options: LaunchOptions = {}): Promise<MainProcess> {
  const main = await launchMain(options)
  running.push(main)
  return main
}
afterEach(async () => {
  for (const main of running.splice(0).reverse()) await main.close()
})

describe('the app on the Electron stand-in', () => {
  it('opens one hardened window from app://mailwire with the compose form', async () => {
    const main = await start()
    const created = await main.waitFor('window-created')
    expect(created['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    })
    expect(created['sandboxEnabled']).toBe(true)
    expect(created['title']).toBe('Mailwire')
    // The app's own icon, rendered from build/icon.svg: a 1024×1024 PNG.
    const icon = await readFile(created['icon'] as string)
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([1024, 1024])
    expect(created['show']).toBe(false)
    expect(await main.waitFor('window-loaded')).toMatchObject({ url: 'app://mailwire/index.html', status: 200 })
    const page = await main.page()
    await page.getByTestId('send-button').waitFor()
    await page.getByTestId('from-input').waitFor()
    // Shown once it has something to show (ready-to-show), not as a blank window.
    await main.waitFor('window-shown')
    const menu = (await main.waitFor('application-menu'))['menu'] as Array<{ label: string }>
    expect(menu.map((item) => item.label)).toContain('File')
  })

  it('sends a message from the form to the local test inbox', async () => {
    const main = await start()
    const page = await main.page()
    await page.getByTestId('from-input').fill('Stand-in <stand-in@mailwire.test>')
    await page.getByTestId('to-input').fill('inbox@mailwire.test,')
    await page.getByTestId('subject-input').fill('Through the real main process')
    await page.getByTestId('body-input').fill('Hello from main/index.ts.\n')
    await page.getByTestId('send-button').click()
    const status = page.getByTestId('result-status')
    await status.waitFor()
    expect(await status.getAttribute('data-status')).toBe('sent')
    // The inbox the app runs in its main process holds the message, under the user data folder.
    const inbox = await page.evaluate(async () => {
      const api = (globalThis as unknown as { mailwire: { inbox: { list(): Promise<{ ok: boolean; value?: Array<{ subject: string }> }> } } }).mailwire
      return api.inbox.list()
    })
    expect(inbox.ok).toBe(true)
    expect(inbox.value?.map((message) => message.subject)).toEqual(['Through the real main process'])
  })

  it('refuses navigation and new windows; https links go to the OS instead', async () => {
    const main = await start()
    const page = await main.page()
    await page.getByTestId('send-button').waitFor()
    await page.evaluate(() => {
      ;(globalThis as unknown as PageGlobals).location.href = 'https://example.com/away'
    })
    expect(await main.waitFor('navigation', (event) => event['url'] === 'https://example.com/away')).toMatchObject({ isMainFrame: true, prevented: true })
    await main.waitFor('open-external', (event) => event['url'] === 'https://example.com/away')
    // A link that opens a new window, clicked.
    await page.evaluate(() => {
      const { document } = globalThis as unknown as PageGlobals
      const link = document.createElement('a')
      link.href = 'https://example.com/new'
      link.target = '_blank'
      link.id = 'external-link'
      link.textContent = 'RFC'
      document.body.prepend(link)
    })
    await page.click('#external-link')
    expect(await main.waitFor('window-open')).toMatchObject({ url: 'https://example.com/new', action: 'deny' })
    await main.waitFor('open-external', (event) => event['url'] === 'https://example.com/new')
    // Not an https or mailto link: refused, and not handed to the OS either.
    await page.evaluate(() => {
      ;(globalThis as unknown as PageGlobals).location.href = 'http://example.com/plain'
    })
    await main.waitFor('navigation', (event) => event['url'] === 'http://example.com/plain' && event['prevented'] === true)
    expect(page.url()).toBe('https://mailwire/index.html')
    await page.getByTestId('send-button').waitFor()
    expect(main.events.filter((event) => event.type === 'open-external').map((event) => event['url'])).toEqual([
      'https://example.com/away',
      'https://example.com/new',
    ])
    expect(main.events.filter((event) => event.type === 'window-created')).toHaveLength(1)
  })

  it('serves the page with the CSP header, holds it to it, and serves nothing outside out/renderer', async () => {
    const main = await start()
    const page = await main.page()
    const headers = await page.evaluate(async () => {
      const response = await fetch((globalThis as unknown as PageGlobals).location.href)
      return { csp: response.headers.get('content-security-policy'), type: response.headers.get('content-type') }
    })
    expect(headers).toEqual({ csp: contentSecurityPolicy(), type: 'text/html; charset=utf-8' })
    const violated = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const { document } = globalThis as unknown as PageGlobals
          document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), { once: true })
          const script = document.createElement('script')
          script.textContent = 'window.injected = true'
          document.body.append(script)
        }),
    )
    expect(violated).toBe('script-src-elem')
    const outside = await page.evaluate(async () =>
      Promise.all(['/..%2fpackage.json', '/..%2f..%2fpackage.json', '/%2e%2e%2fpreload%2findex.js'].map(async (path) => (await fetch(path)).status)),
    )
    expect(outside).toEqual([404, 404, 404])
  })

  /** A send to the local inbox, which answers slowly, so the session still runs when the user quits; then File > Quit. */
  async function quitDuringSlowSend(subject: string) {
    const main = await start()
    const page = await main.page()
    await page.getByTestId('send-button').waitFor()
    await page.evaluate(() =>
      (globalThis as unknown as { mailwire: { inbox: { setFaults(f: object): Promise<unknown> } } }).mailwire.inbox.setFaults({ slowReplies: 1500 }),
    )
    await page.getByTestId('from-input').fill('stand-in@mailwire.test')
    await page.getByTestId('to-input').fill('inbox@mailwire.test,')
    await page.getByTestId('subject-input').fill(subject)
    await page.getByTestId('send-button').click()
    await page.getByTestId('cancel-button').waitFor()
    main.send({ type: 'menu-click', path: ['File', 'quit'] })
    return { main, page, box: await main.waitFor('message-box') }
  }

  it('asks before quitting during a send: Keep Sending keeps the window, then a quit when idle asks nothing', async () => {
    const { main, page, box } = await quitDuringSlowSend('Slow')
    expect(box['options']).toMatchObject({
      message: 'A message is being sent.',
      buttons: ['Keep Sending', 'Cancel Send and Close'],
      cancelId: 0,
    })
    expect(box['modal']).toBe(true)
    main.answer(box, { response: 0 })
    // Kept: the session runs to its end in the same window.
    await page.getByTestId('result-status').waitFor()
    expect(await page.getByTestId('result-status').getAttribute('data-status')).toBe('sent')
    main.send({ type: 'menu-click', path: ['File', 'quit'] })
    expect(await main.exited).toEqual({ code: 0, signal: null })
    expect(main.events.filter((event) => event.type === 'message-box')).toHaveLength(1)
  })

  it('Cancel Send and Close during a slow send: the session is cancelled and the app exits 0', async () => {
    const { main, box } = await quitDuringSlowSend('Cancelled on quit')
    main.answer(box, { response: 1 })
    expect(await main.exited).toEqual({ code: 0, signal: null })
  })

  it('a second instance hands over to the first, which brings its window forward', async () => {
    const first = await start()
    await first.page()
    const second = await start({ configHome: first.configHome })
    expect(await second.exited).toEqual({ code: 0, signal: null })
    expect(second.events.some((event) => event.type === 'window-created')).toBe(false)
    await first.waitFor('window-focused')
  })

  it('a start-up failure shows an error box and exits non-zero', async () => {
    // history/ is a file: the history store cannot open.
    const main = await start({
      prepare: async (userData) => {
        await mkdir(userData, { recursive: true })
        await writeFile(join(userData, 'history'), 'not a folder')
      },
    })
    const box = await main.waitFor('error-box')
    expect(box['title']).toBe('Mailwire could not start')
    expect(box['content']).toMatch(/history/)
    expect(await main.exited).toEqual({ code: 1, signal: null })
    expect(main.events.some((event) => event.type === 'window-created')).toBe(false)
  })
})

