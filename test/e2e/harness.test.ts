// Smoke test of the e2e harness: the built renderer loads under the app's CSP, the real
// preload gives it exactly the MailwireApi, calls reach the real handlers and come back,
// events reach page listeners without the IPC event, and the real sender check refuses
// a subframe and a foreign origin.
import { existsSync } from 'node:fs'
import { afterEach, describe, expect, inject, it } from 'vitest'
import type { AppInfo, Result, SessionResultEvent, WireBatch } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { MAILWIRE_API_KEYS } from '../../preload/api'
import { postfixProfile, RENDERER_DIR, startApp, type HarnessPage, type RunningApp } from './support/harness'
import { serveFolder } from './support/static-server'
import { uniqueMailbox, waitForMail } from '../support/postfix'

/** In the page: `window.mailwire`, typed loosely (the test project has no DOM types). */
type PageWithApi = { mailwire: Record<string, Record<string, (...args: unknown[]) => unknown>> } & HarnessPage

let app: RunningApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

describe('the e2e harness', () => {
  it('loads the built renderer with exactly the MailwireApi on window.mailwire', async () => {
    app = await startApp()
    const { page } = app
    await page.locator('#root > *').first().waitFor()

    const shape = await page.evaluate(() => {
      const api = (globalThis as unknown as PageWithApi).mailwire
      return {
        keys: Object.fromEntries(Object.entries(api).map(([name, group]) => [name, Object.keys(group)])),
        frozen: Object.isFrozen(api) && Object.values(api).every((group) => Object.isFrozen(group)),
        rawIpc: 'ipcRenderer' in globalThis || 'require' in globalThis || 'process' in globalThis,
      }
    })
    expect(shape).toEqual({ keys: MAILWIRE_API_KEYS, frozen: true, rawIpc: false })
    // renderer/index.html's <meta> CSP names frame-ancestors, which only a header can set
    // (main/csp.ts does): Chromium says so. Everything else must be silent.
    expect(app.consoleErrors.filter((line) => !line.includes("'frame-ancestors' is ignored"))).toEqual([])
    expect(existsSync(await app.screenshot('harness-loaded'))).toBe(true)
  })

  it('round-trips app.info() through the real handler, as the main frame of our origin', async () => {
    app = await startApp()
    const info = await app.page.evaluate(() => (globalThis as unknown as PageWithApi).mailwire.app!.info!())
    expect(info).toEqual({ ok: true, value: { version: '0.0.0-e2e', platform: process.platform } } satisfies Result<AppInfo>)
    expect(app.invocations.find((call) => call.channel === CHANNELS.appInfo)?.sender).toEqual({ url: app.url, isMainFrame: true })
  })

  it('hands listeners the payload only, and unsubscribes them', async () => {
    app = await startApp()
    const { page } = app
    await page.evaluate(() => {
      const scope = globalThis as unknown as PageWithApi & { seen: unknown[][]; stop: () => void }
      scope.seen = []
      scope.stop = scope.mailwire.session!.onState!((...args: unknown[]) => scope.seen.push(args)) as () => void
    })
    const before = await page.evaluate((channel) => (globalThis as unknown as HarnessPage).__mailwireListenerCount(channel), CHANNELS.sessionState)
    const event = { sessionId: 's1', state: 'running', phase: 'ehlo' }
    await page.evaluate(([channel, payload]) => (globalThis as unknown as HarnessPage).__mailwireEmit(channel, payload), [CHANNELS.sessionState, event] as const)
    expect(await page.evaluate(() => (globalThis as unknown as { seen: unknown[][] }).seen)).toEqual([[event]])

    await page.evaluate(() => (globalThis as unknown as { stop: () => void }).stop())
    const after = await page.evaluate((channel) => (globalThis as unknown as HarnessPage).__mailwireListenerCount(channel), CHANNELS.sessionState)
    expect(after).toBe(before - 1)
  })

  it('refuses a call from a subframe of our own origin with EFORBIDDEN', async () => {
    app = await startApp()
    const { page } = app
    // A same-origin page in an iframe: the URL passes, only "main frame" fails.
    await page.evaluate((src) => {
      const doc = (globalThis as unknown as { document: { createElement(t: string): { src: string }; body: { append(e: unknown): void } } }).document
      const frame = doc.createElement('iframe')
      frame.src = src
      doc.body.append(frame)
    }, `${app.url}subframe.html`)
    const frame = await (async () => {
      for (;;) {
        const found = page.frames().find((candidate) => candidate.url().endsWith('/subframe.html'))
        if (found) return found
        await page.waitForEvent('framenavigated')
      }
    })()
    await frame.waitForFunction(() => 'mailwire' in globalThis)
    const answer = await frame.evaluate(() => (globalThis as unknown as PageWithApi).mailwire.app!.info!())
    expect(answer).toMatchObject({ ok: false, error: { code: 'EFORBIDDEN' } })
    expect(app.invocations.at(-1)?.sender).toEqual({ url: `${app.url}subframe.html`, isMainFrame: false })
  })

  it('refuses a call from a foreign origin with EFORBIDDEN', async () => {
    app = await startApp()
    const foreign = await serveFolder(RENDERER_DIR)
    try {
      await app.page.goto(foreign.url)
      await app.page.waitForFunction(() => 'mailwire' in globalThis)
      const answer = await app.page.evaluate(() => (globalThis as unknown as PageWithApi).mailwire.app!.info!())
      expect(answer).toMatchObject({ ok: false, error: { code: 'EFORBIDDEN' } })
      expect(app.invocations.at(-1)?.sender).toEqual({ url: foreign.url, isMainFrame: true })
    } finally {
      await foreign.close()
    }
  })

  const postfix = inject('postfix')
  it.skipIf(!postfix)('runs a real session from the page: wire batches and the result reach its listeners', async () => {
    app = await startApp({ profiles: [postfixProfile(postfix!)] })
    const mailbox = uniqueMailbox('e2e-harness')
    const request = {
      profileId: app.profiles[0]!.id,
      compose: { from: 'harness@mailwire.test', to: [mailbox], cc: [], bcc: [], subject: 'Harness', text: 'Hi\n', attachments: [], headers: [] },
    }
    const outcome = await app.page.evaluate(async (startRequest) => {
      const api = (globalThis as unknown as PageWithApi).mailwire
      const lines: string[] = []
      api.session!.onWire!((batch: unknown) => lines.push(...(batch as WireBatch).events.map((event) => event.text)))
      const result = new Promise<SessionResultEvent>((resolve) => api.session!.onResult!(resolve))
      const started = await api.session!.start!(startRequest)
      return { started, result: await result, lines }
    }, request)
    expect(outcome.started).toMatchObject({ ok: true })
    expect(outcome.result.result.status).toBe('sent')
    expect(outcome.lines.some((line) => line.startsWith('EHLO'))).toBe(true)
    expect(await waitForMail(mailbox)).toHaveLength(1)
  })
})
