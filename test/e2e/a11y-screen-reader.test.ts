// What a screen reader gets (issue 21, point 3): the live regions say what matters once,
// not once per wire row (the send's state and result, the console's connection state, a
// new message in the inbox); the wire log is a grid a screen reader walks row by row, each
// read as client, server or TLS with its text and the code's meaning; reduced motion stops
// the spinner. Announcements are read off the live regions by a recorder in the page.
import { once } from 'node:events'
import net, { type AddressInfo, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { sendMail } from '../../main/smtp/index'
import type { MessageFactory } from '../../main/smtp/types'
import { startApp, type RunningApp } from './support/harness'

let app: RunningApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

type RecorderGlobals = { __announced?: Record<string, string[]> }

/**
 * Records each new text of the live region with this data-testid, as a screen reader
 * would announce it (a change to the same text, or to empty, says nothing).
 */
async function recordAnnouncements(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).waitFor({ state: 'attached' })
  await page.evaluate((id) => {
    type Node = { nodeType: number; textContent: string | null; childNodes: ArrayLike<Node>; getAttribute?(name: string): string | null }
    // The text as read aloud: what aria-hidden hides is not said.
    const spoken = (node: Node): string => {
      if (node.nodeType === 3) return node.textContent ?? ''
      if (node.nodeType !== 1 || node.getAttribute?.('aria-hidden') === 'true') return ''
      return Array.from(node.childNodes).map(spoken).join('')
    }
    const scope = globalThis as unknown as RecorderGlobals & {
      document: { querySelector(selector: string): Node | null }
      MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void }
    }
    const announced = (scope.__announced ??= {})
    const said: string[] = (announced[id] = [])
    const region = scope.document.querySelector(`[data-testid="${id}"]`)!
    let last = spoken(region).trim()
    new scope.MutationObserver(() => {
      const text = spoken(region).trim()
      if (text !== last && text !== '') said.push(text)
      last = text
    }).observe(region, { childList: true, subtree: true, characterData: true })
  }, testId)
}

function announcements(page: Page, testId: string): Promise<string[]> {
  return page.evaluate((id) => [...((globalThis as unknown as RecorderGlobals).__announced?.[id] ?? [])], testId)
}

/** The role, politeness and text of every live region on the page. */
function liveRegions(page: Page): Promise<string[]> {
  return page.locator('[aria-live], [role=status], [role=alert], [role=log]').evaluateAll((regions) =>
    regions.map((region) => `${region.getAttribute('role') ?? ''}|${region.getAttribute('data-testid') ?? ''}`),
  )
}

describe('what a screen reader gets', () => {
  it('a send: its state and result said once each, the log walked row by row as client, server, TLS', async () => {
    app = await startApp()
    const { page } = app
    await page.getByTestId('chip').first().waitFor()
    await recordAnnouncements(page, 'session-status')
    await page.getByTestId('send-button').click()
    await page.getByTestId('result-status').waitFor()
    await page.getByTestId('jump-latest').waitFor({ state: 'hidden' })

    // Connecting, sending, the result: not once per phase, and never a wire row.
    const said = await announcements(page, 'session-status')
    expect(said).toEqual(['Connecting…', 'Sending…', 'SentThe server accepted the message for the recipient.'])
    // The log itself is no live region: its rows are read when walked, not as they come.
    expect((await liveRegions(page)).some((region) => region.includes('wire-log-scroller') || region.startsWith('log|'))).toBe(false)

    const grid = page.getByRole('grid', { name: 'Wire log' })
    const snapshot = await grid.ariaSnapshot()
    const rows = snapshot.split('\n').filter((line) => /^\s*- '?row "/.test(line))
    expect(rows.length).toBeGreaterThan(5)
    // Every row says what it is: client, server, TLS, or a note of ours.
    for (const row of rows) expect(row).toMatch(/client sent|server replied|TLS|note|error/)
    expect(rows.some((row) => /client sent \(inside TLS\) MAIL FROM:<you@mailwire\.test>/.test(row))).toBe(true)
    expect(rows.some((row) => /server replied \(inside TLS\) Reply 354: Start mail input/.test(row))).toBe(true)
    expect(rows.some((row) => /server replied \(inside TLS\) Reply 221: Service closing transmission channel; 2\.0\.0: .*Bye/.test(row))).toBe(true)
    // The TLS boundary is a row of its own, walked like the others.
    await page.getByTestId('wire-log-scroller').focus()
    await page.keyboard.press('Home')
    let tlsRow: string | undefined
    for (let step = 0; step < 40 && !tlsRow; step++) {
      const active = await page.getByTestId('wire-log-scroller').getAttribute('aria-activedescendant')
      const row = page.locator(`[id="${active}"]`)
      if ((await row.getAttribute('data-kind')) === 'tls') tlsRow = await row.ariaSnapshot()
      else await page.keyboard.press('ArrowDown')
    }
    expect(tlsRow).toMatch(/row ".*TLS .*TLS started \(STARTTLS\)/)
  })

  it("the console's connection state, once per change, not once per command", async () => {
    app = await startApp()
    const { page } = app
    await page.getByTestId('view-tab-console').click()
    await recordAnnouncements(page, 'console-announcer')
    await page.getByTestId('console-connect').click()
    const ready = page.locator('[data-testid=console-state][data-state=ready]')
    await ready.waitFor()
    for (const line of ['EHLO sr.mailwire.test', 'NOOP', 'NOOP']) {
      await page.getByTestId('console-input').fill(line)
      await page.getByTestId('console-input').press('Enter')
      await ready.waitFor()
    }
    await page.getByTestId('console-starttls').click()
    await page.getByTestId('console-tls').waitFor()
    await ready.waitFor()
    await page.getByTestId('console-input').fill('QUIT')
    await page.getByTestId('console-input').press('Enter')
    await page.locator('[data-testid=console-state][data-state=closed]').waitFor()

    const { host, port } = await app.services.inbox.endpoint()
    expect(await announcements(page, 'console-announcer')).toEqual([
      'Connecting…',
      `Connected to ${host}:${port}.`,
      expect.stringMatching(new RegExp(`^Connected to ${host.replace(/\./g, '\\.')}:${port}, inside TLS \\(TLSv1\\.[23]\\)\\.$`)),
      `Connection to ${host}:${port} closed.`,
    ])
    // The visible state flips to "waiting for the reply" on every command: not announced.
    expect(await page.getByTestId('console-state').getAttribute('role')).toBeNull()
  })

  it('a new message in the inbox, said once; the list as loaded is not news', async () => {
    app = await startApp()
    const { page } = app
    await page.getByTestId('send-button').click()
    await page.getByTestId('result-status').waitFor()
    await page.getByTestId('view-tab-inbox').click()
    await page.getByTestId('inbox-row').first().waitFor()
    await recordAnnouncements(page, 'inbox-announcer')
    expect(await page.getByTestId('inbox-announcer').textContent()).toBe('')

    // Another client delivers while the view is open: the row arrives live, said once.
    const { host, port, caPem } = await app.services.inbox.endpoint()
    const message: MessageFactory = () => ({
      open: async function* () {
        yield Buffer.from('From: other@mailwire.test\r\nSubject: Heard, not seen\r\n\r\nHi\r\n')
      },
      eightBit: false,
    })
    const sent = await sendMail({ host, port, security: 'starttls', ca: caPem }, { from: 'other@mailwire.test', to: ['inbox@mailwire.test'] }, message)
    expect(sent.status).toBe('sent')
    await page.getByTestId('inbox-row').nth(1).waitFor()
    await page.getByTestId('inbox-announcer').filter({ hasText: 'Heard, not seen' }).waitFor({ state: 'attached' })
    expect(await announcements(page, 'inbox-announcer')).toEqual(['New message from other@mailwire.test: Heard, not seen'])
  })

  it('reduced motion: the spinner of a running send stands still', async () => {
    const sockets = new Set<Socket>()
    const silent = net.createServer((socket) => {
      sockets.add(socket)
      socket.on('error', () => undefined)
      socket.write('220 silent.mailwire.test ESMTP\r\n')
    })
    silent.listen(0, '127.0.0.1')
    await once(silent, 'listening')
    try {
      app = await startApp({
        profiles: [
          {
            name: 'Silent',
            host: '127.0.0.1',
            port: (silent.address() as AddressInfo).port,
            security: 'none',
            username: '',
            clientName: '',
            allowInvalidCertificate: false,
            allowPlaintextAuth: false,
            caPem: '',
          },
        ],
      })
      const { page } = app
      await page.getByTestId('from-input').fill('motion@mailwire.test')
      await page.getByTestId('to-input').fill('still@mailwire.test,')
      await page.getByTestId('send-button').click()
      await page.getByTestId('session-status').filter({ hasText: 'Sending' }).waitFor()
      const spinner = page.locator('[data-testid=session-status] [aria-hidden=true]').first()
      const animation = () => spinner.evaluate((element) => (globalThis as unknown as { getComputedStyle(e: unknown): { animationName: string } }).getComputedStyle(element).animationName)
      expect(await animation()).not.toBe('none')
      await page.emulateMedia({ reducedMotion: 'reduce' })
      expect(await animation()).toBe('none')
      await page.keyboard.press('Escape')
      await page.getByTestId('result-status').waitFor()
    } finally {
      for (const socket of sockets) socket.destroy()
      silent.close()
    }
  })
})
