// The local test inbox in the UI, end to end: the built renderer in Chromium, the real
// preload, IPC, services, engine and the app's own local inbox behind it. A first run
// sends with no setup, Ctrl+Enter from the Inbox sends from the Send view, and a message
// arrives in the Inbox view live; an HTML body runs
// no script and loads nothing remote; a fault preset shows its 550 in our wire log.
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { Page, Request } from 'playwright-core'
import { CHANNELS } from '../../preload/contract'
import { LOCAL_INBOX_PROFILE_ID } from '../../main/services/local-inbox/local-inbox-profile'
import { sendMail } from '../../main/smtp/index'
import type { MessageFactory } from '../../main/smtp/types'
import { startApp, type RunningApp } from './support/harness'

/** The page's globals these tests touch (the e2e project is typed without the DOM library). */
type PageGlobals = {
  fetch(url: string): Promise<{ text(): Promise<string> }>
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  __messagesFromFrames: unknown[]
}

/** The preview's own policy: nothing loads but data: images and inline styles. */
const PREVIEW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

/** An address nothing listens on: any request to it means the preview loaded something. */
const TRAP = 'http://127.0.0.1:1'

/** A hostile HTML body: a script, an inline handler and a remote image, each leaving a trace if it ran. */
const HOSTILE_HTML = [
  '<h1 style="color:#1f5fd1;font-family:Georgia,serif">Quarterly <em>newsletter</em></h1>',
  '<p style="background:#fdf1dc;padding:8px 12px;border-left:4px solid #a15c00">Inline styles apply; nothing is fetched and nothing runs.</p>',
  `<script>top.postMessage('script ran', '*'); fetch('${TRAP}/script')</script>`,
  `<img alt="remote pixel" src="${TRAP}/x" onerror="top.postMessage('onerror ran', '*')">`,
  `<link rel="stylesheet" href="${TRAP}/style.css">`,
  `<div style="background:url(${TRAP}/background.png);height:8px"></div>`,
  '<ul><li>First point</li><li>Second point, with <a href="https://mailwire.invalid/">a link</a></li></ul>',
  // No way out of the frame: a redirect, a base for relative URLs, a form, the srcdoc quote.
  `<meta http-equiv="refresh" content="0;url=${TRAP}/refresh">`,
  `<base href="${TRAP}/base/"><img alt="relative" src="relative.png">`,
  `<form action="${TRAP}/form" method="post"><input name="q" value="1"><button data-testid="preview-submit">Go</button></form>`,
  `"'></iframe><img alt="breakout" src="${TRAP}/breakout" onerror="top.postMessage('breakout ran', '*')">`,
].join('\n')

function rawHtmlMessage(subject: string): string {
  return [
    'From: You <you@mailwire.test>',
    'To: inbox@mailwire.test',
    `Subject: ${subject}`,
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    HOSTILE_HTML,
    '',
  ].join('\n')
}

let app: RunningApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

const listCalls = (running: RunningApp) => running.invocations.filter((call) => call.channel === CHANNELS.inboxList).length

/** A client other than the app (the engine, straight to the inbox): its queue id. */
async function sendFromAnotherClient(running: RunningApp): Promise<string> {
  const { host, port, caPem } = await running.services.inbox.endpoint()
  const message: MessageFactory = () => ({
    open: async function* () {
      yield Buffer.from('From: other@mailwire.test\r\nSubject: From another client\r\n\r\nHi\r\n')
    },
    eightBit: false,
  })
  const result = await sendMail({ host, port, security: 'starttls', ca: caPem }, { from: 'other@mailwire.test', to: ['inbox@mailwire.test'] }, message)
  expect(result.status, JSON.stringify(result.error)).toBe('sent')
  return result.queueId ?? ''
}

async function waitForResult(page: Page, status: string): Promise<void> {
  const banner = page.getByTestId('result-status')
  await banner.waitFor()
  expect(await banner.getAttribute('data-status')).toBe(status)
}

describe('the local test inbox in the app', () => {
  it('first run: Send works with no setup, and the message appears in the Inbox view live', async () => {
    app = await startApp()
    const { page } = app
    // The built-in local inbox is the server, and the form is filled in for it.
    await expect.poll(() => page.getByTestId('profile-select').inputValue()).toBe(LOCAL_INBOX_PROFILE_ID)
    expect(await page.getByTestId('profile-summary').textContent()).toContain('built in')
    expect(await page.getByTestId('profile-editor').count()).toBe(0)
    await expect.poll(() => page.getByTestId('from-input').inputValue()).toBe('you@mailwire.test')
    expect(await page.getByTestId('chip').allTextContents()).toEqual([expect.stringContaining('inbox@mailwire.test')])

    await page.getByTestId('send-button').click()
    await waitForResult(page, 'sent')
    const queueId = (await page.getByTestId('queue-id').textContent()) ?? ''
    expect(queueId).toMatch(/^msg-/)

    await page.getByTestId('view-tab-inbox').click()
    const rows = page.getByTestId('inbox-row')
    await rows.first().waitFor()
    expect(await rows.first().getAttribute('data-id')).toBe(queueId)
    expect(await rows.first().textContent()).toContain('Hello from Mailwire')

    // From the Inbox view, Ctrl+Enter brings Send forward and sends there: the session is
    // in view, never sent unseen. Back in the Inbox, the new message is at the top.
    await page.keyboard.press('Control+Enter')
    expect(await page.getByTestId('view-tab-send').getAttribute('aria-selected')).toBe('true')
    await page.getByTestId('queue-id').filter({ hasNotText: queueId }).waitFor()
    const newest = (await page.getByTestId('queue-id').textContent()) ?? ''
    await page.getByTestId('view-tab-inbox').click()
    await expect.poll(() => rows.count()).toBe(2)
    expect(await rows.first().getAttribute('data-id')).toBe(newest)

    // While the Inbox view is open, a message another client sends arrives by the
    // inbox:message event, at the top, without the view asking for the list again.
    const listsBefore = listCalls(app)
    const other = await sendFromAnotherClient(app)
    await expect.poll(() => rows.count()).toBe(3)
    expect(await rows.first().getAttribute('data-id')).toBe(other)
    expect(listCalls(app)).toBe(listsBefore)
    expect(app.events.some((event) => event.channel === CHANNELS.inboxMessage && (event.payload as { id: string }).id === other)).toBe(true)

    // Open ours: the server side of its session, and the link to ours in History.
    await rows.filter({ hasText: 'Hello from Mailwire' }).first().click()
    await page.getByTestId('message-subject').filter({ hasText: 'Hello from Mailwire' }).waitFor()
    await page.getByTestId('message-tab-session').click()
    const record = page.getByTestId('inbox-session')
    await record.waitFor()
    // The log renders only the rows in view: its search brings the inbox's 250 there.
    await record.getByTestId('log-search').fill(`queued as ${newest}`)
    await record.getByTestId('search-count').filter({ hasText: '1 of 1' }).waitFor()
    await record.getByTestId('wire-row').filter({ hasText: `queued as ${newest}` }).waitFor()
    await app.screenshot('inbox-session-light')
    await page.getByTestId('inbox-session').getByTestId('our-side-link').click()
    await page.getByTestId('history-entry').waitFor()
    expect(await page.getByTestId('queue-id').textContent()).toBe(newest)
  })

  it('shows an HTML body in a sandboxed frame that runs no script and loads nothing remote', async () => {
    app = await startApp()
    const { page } = app
    // Chromium reports a load that CSP refuses as a request that failed with "csp": it
    // never left the browser. Anything else to the trap (refused, finished) went out.
    const requests: Array<{ url: string; outcome?: string }> = []
    const outcome = (request: Request, value: string) => {
      const seen = requests.find((entry) => entry.url === request.url() && entry.outcome === undefined)
      if (seen) seen.outcome = value
    }
    page.on('request', (request: Request) => requests.push({ url: request.url() }))
    page.on('requestfailed', (request: Request) => outcome(request, request.failure()?.errorText ?? 'failed'))
    page.on('requestfinished', (request: Request) => outcome(request, 'finished'))
    // Anything a script in the frame could tell the page arrives here.
    await page.evaluate(() => {
      const scope = globalThis as unknown as PageGlobals
      scope.__messagesFromFrames = []
      scope.addEventListener('message', (event) => scope.__messagesFromFrames.push(event.data))
    })

    await page.getByTestId('mode-raw').click()
    await page.getByTestId('raw-input').fill(rawHtmlMessage('Hostile HTML'))
    await page.getByTestId('send-button').click()
    await waitForResult(page, 'sent')

    await page.getByTestId('view-tab-inbox').click()
    await page.getByTestId('inbox-row').first().click()
    const frame = page.getByTestId('html-preview')
    await frame.waitFor()
    expect(await frame.getAttribute('sandbox')).toBe('')
    const srcdoc = (await frame.getAttribute('srcdoc')) ?? ''
    // The policy comes first, before any of the message.
    expect(srcdoc.indexOf(`content="${PREVIEW_CSP}"`)).toBeGreaterThan(0)
    expect(srcdoc.indexOf(`content="${PREVIEW_CSP}"`)).toBeLessThan(srcdoc.indexOf('Quarterly'))

    // The frame rendered the message (and its inline styles)…
    const heading = page.frameLocator('[data-testid=html-preview]').locator('h1')
    expect(await heading.textContent()).toBe('Quarterly newsletter')
    const color = await heading.evaluate(
      (element) => (globalThis as unknown as { getComputedStyle(node: unknown): { color: string } }).getComputedStyle(element).color,
    )
    expect(color).toBe('rgb(31, 95, 209)')
    await app.screenshot('inbox-html-preview-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await app.screenshot('inbox-html-preview-dark')
    await page.emulateMedia({ colorScheme: 'light' })

    // …and nothing in it ran or reached the network. A request of the page's own is
    // seen, so the listener was listening.
    await page.evaluate((url) => fetch(url).then((response) => response.text()), `${app.url}index.html`)
    await expect.poll(() => requests.find((entry) => entry.url === `${app!.url}index.html`)?.outcome).toBe('finished')
    const trapped = () => requests.filter((entry) => entry.url.startsWith(TRAP))
    await expect.poll(() => trapped().every((entry) => entry.outcome !== undefined)).toBe(true)
    for (const entry of trapped()) expect(entry, entry.url).toEqual({ url: entry.url, outcome: 'csp' })
    // A click on the form's button submits nothing (a sandbox without allow-forms).
    await page.frameLocator('[data-testid=html-preview]').getByTestId('preview-submit').click()
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__messagesFromFrames)).toEqual([])
    expect(page.frames().map((frame) => frame.url())).toEqual([`${app.url}`, 'about:srcdoc'])
    expect(requests.filter((entry) => /\/(refresh|base\/|form)/.test(entry.url))).toEqual([])
    expect(await page.title()).toBe('Mailwire')
  })

  it('opens no connection at all for frames, objects, links, meta or base in an HTML mail', async () => {
    // A listener every element below points at: it must see no connection, not even one
    // that carries no HTTP (Chromium opened one for a CSP-blocked <iframe src>).
    const connections: string[] = []
    const listener = net.createServer((socket) => {
      connections.push(`${socket.remoteAddress} port ${socket.remotePort}`)
      socket.destroy()
    })
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(listener.address() as net.AddressInfo).port}`
    try {
      app = await startApp()
      const { page } = app
      const html = [
        '<h1>Connection trap</h1>',
        `<iframe src="${origin}/iframe"></iframe>`,
        `<object data="${origin}/object"></object>`,
        `<embed src="${origin}/embed">`,
        `<link rel="stylesheet" href="${origin}/style.css">`,
        `<link rel="preconnect" href="${origin}">`,
        `<link rel="prefetch" href="${origin}/prefetch">`,
        `<meta http-equiv="refresh" content="0;url=${origin}/refresh">`,
        `<base href="${origin}/base/"><a href="relative">a relative link</a>`,
        `<svg><foreignObject><iframe src="${origin}/svg-iframe"></iframe></foreignObject></svg>`,
      ].join('\n')
      const { host, port, caPem } = await app.services.inbox.endpoint()
      const message: MessageFactory = () => ({
        open: async function* () {
          yield Buffer.from(`From: you@mailwire.test\r\nSubject: Connection trap\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`)
        },
        eightBit: false,
      })
      const sent = await sendMail({ host, port, security: 'starttls', ca: caPem }, { from: 'you@mailwire.test', to: ['inbox@mailwire.test'] }, message)
      expect(sent.status, JSON.stringify(sent.error)).toBe('sent')

      await page.getByTestId('view-tab-inbox').click()
      await page.getByTestId('inbox-row').filter({ hasText: 'Connection trap' }).click()
      const frame = page.getByTestId('html-preview')
      await frame.waitFor()
      expect(await page.frameLocator('[data-testid=html-preview]').locator('h1').textContent()).toBe('Connection trap')
      // The document the frame got has none of them; a link is only a link.
      const srcdoc = (await frame.getAttribute('srcdoc')) ?? ''
      const body = srcdoc.slice(srcdoc.indexOf('<body>'))
      expect(body).not.toMatch(/<(iframe|object|embed|link|meta|base)[\s>]/i)
      expect(body).toContain('a relative link')
      // The preview and everything it started have loaded: the listener saw nobody.
      const preview = page.frames().find((candidate) => candidate.url() === 'about:srcdoc')
      await preview?.waitForLoadState('load')
      await page.evaluate((url) => fetch(url).then((response) => response.text()), `${app.url}index.html`)
      expect(connections).toEqual([])
    } finally {
      await new Promise((resolve) => listener.close(resolve))
    }
  })

  it('a refuse-recipient preset shows its 550 in our wire log and result, and is marked beside Send', async () => {
    app = await startApp()
    const { page } = app
    await page.getByTestId('view-tab-inbox').click()
    await page.getByTestId('inbox-address').waitFor()
    await page.getByTestId('faults-button').click()
    expect(await page.getByTestId('fault-refuseRecipient-value').inputValue()).toBe('reject*')
    // The box shows what main applied: it turns on once the inbox took the preset.
    await page.getByTestId('fault-refuseRecipient-toggle').click()
    await page.getByTestId('fault-banner').filter({ hasText: '550 for recipients matching reject*' }).waitFor()
    expect(await page.getByTestId('fault-refuseRecipient').getAttribute('data-on')).toBe('true')
    expect(await page.getByTestId('fault-refuseRecipient-toggle').isChecked()).toBe(true)
    expect(app.services.inbox.faults()).toEqual({ refuseRecipient: 'reject*' })
    await app.screenshot('inbox-faults-light')

    await page.getByTestId('view-tab-send').click()
    expect(await page.getByTestId('send-fault-notice').textContent()).toContain('550 for recipients matching reject*')
    await page.getByTestId('chip-remove').click()
    await page.getByTestId('to-input').fill('reject-me@mailwire.test,')
    await page.getByTestId('send-button').click()
    await waitForResult(page, 'refused')

    const outcome = page.getByTestId('recipient-result')
    expect(await outcome.getAttribute('data-accepted')).toBe('false')
    expect(await outcome.textContent()).toContain('550')
    await page.getByTestId('filter-errors').check()
    const refused = page.getByTestId('wire-row').filter({ hasText: 'reject-me@mailwire.test' }).filter({ hasText: 'local inbox fault' })
    await refused.first().waitFor()
    expect(await refused.first().getAttribute('data-kind')).toBe('server')
    expect(await refused.first().getByTestId('reply-badge').textContent()).toBe('550')
    await app.screenshot('inbox-fault-refused-light')

    // Nothing arrived; switching the preset off clears the notice.
    await page.getByTestId('view-tab-inbox').click()
    await page.getByTestId('inbox-empty').waitFor()
    await page.getByTestId('fault-refuseRecipient-toggle').click()
    await page.getByTestId('fault-banner').waitFor({ state: 'detached' })
    await page.getByTestId('view-tab-send').click()
    expect(await page.getByTestId('send-fault-notice').count()).toBe(0)
  })
})
