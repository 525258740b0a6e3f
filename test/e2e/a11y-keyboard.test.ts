// Whole tasks by keyboard alone (issue 21, point 2): each test drives the app with key
// presses only (Tab, arrows, Enter, typed text, shortcuts), checks after every press that
// the focus is on an element and visibly marked, and at the end that it never fell to the
// page body, whatever replaced the focused element (a view, the server editor, the
// console's command line). Against the app's own local test inbox: no Postfix needed.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { ProfileInput } from '../../preload/contract'
import { startApp, type RunningApp } from './support/harness'
import { expectVisibleFocus, focusLosses, focusState, press, recordFocusLosses, retype, tabTo, type } from './support/keyboard'

let app: RunningApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

async function startByKeyboard(options: Parameters<typeof startApp>[0] = {}): Promise<Page> {
  app = await startApp(options)
  // The first run fills the form for the local inbox (a chip); a seeded server does not.
  await app.page.getByTestId(options.profiles ? 'send-button' : 'chip').first().waitFor()
  await recordFocusLosses(app.page)
  return app.page
}

async function waitForState(page: Page, state: string): Promise<void> {
  await page.locator(`[data-testid=console-state][data-state=${state}]`).waitFor()
}

/** Sends the Send view's message with Ctrl+Enter from wherever the focus is, and waits for the result. */
async function sendWithShortcut(page: Page): Promise<void> {
  await press(page, 'Control+Enter')
  await page.getByTestId('result-status').waitFor()
}

describe('whole tasks by keyboard alone', () => {
  it('composes a message to two recipients, sends it, and reads the result', async () => {
    const page = await startByKeyboard()
    await tabTo(page, 'to-input')
    await type(page, 'second@mailwire.test,')
    expect(await page.getByTestId('chip-text').allTextContents()).toEqual(['inbox@mailwire.test', 'second@mailwire.test'])
    await tabTo(page, 'subject-input')
    await retype(page, 'Typed without a mouse')
    await tabTo(page, 'body-input')
    await retype(page, 'Every step a key press.\n')
    await tabTo(page, 'send-button')
    await press(page, 'Enter')
    await page.getByTestId('result-status').waitFor()
    // Send is disabled while it runs and Cancel gone after: the focus is back on Send.
    expect((await expectVisibleFocus(page, 'the send finished')).testId).toBe('send-button')

    // The result is a stop of its own: the keyboard reaches it (and scrolls it).
    await tabTo(page, 'result')
    const result = page.getByTestId('result')
    expect(await result.getByTestId('result-status').getAttribute('data-status')).toBe('sent')
    expect(await result.getByTestId('recipient-result').allTextContents()).toEqual([
      expect.stringContaining('inbox@mailwire.test'),
      expect.stringContaining('second@mailwire.test'),
    ])
    await app!.screenshot('a11y-focus-result-light')
    expect(await focusLosses(page)).toEqual([])
  })

  it("finds a reply code's meaning in the wire log", async () => {
    const page = await startByKeyboard()
    await tabTo(page, 'subject-input')
    await sendWithShortcut(page)
    await tabTo(page, 'wire-log-scroller')
    await press(page, 'Home')
    // Down the log, row by row, to the server's 354 (the reply to DATA).
    const selectedCode = () =>
      page.locator('[data-testid=wire-row][aria-selected=true] [data-testid=reply-badge]').evaluateAll((badges) => badges.map((badge) => badge.textContent))
    for (let row = 0; row < 80 && (await selectedCode())[0] !== '354'; row++) await press(page, 'ArrowDown')
    expect(await selectedCode()).toEqual(['354'])
    // The grid names the focused row for screen readers.
    const active = await page.getByTestId('wire-log-scroller').getAttribute('aria-activedescendant')
    expect(await page.locator(`[id="${active}"]`).getAttribute('aria-selected')).toBe('true')

    // Tab goes to the selected row's code; its meaning shows while it has the focus.
    const state = await press(page, 'Tab')
    expect(state.testId).toBe('reply-badge')
    const tooltip = page.getByRole('tooltip')
    expect(await tooltip.textContent()).toContain('Start mail input')
    await app!.screenshot('a11y-focus-reply-code-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await app!.screenshot('a11y-focus-reply-code-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await press(page, 'Escape')
    await tooltip.waitFor({ state: 'detached' })
    expect((await focusState(page)).testId).toBe('reply-badge')
    expect(await focusLosses(page)).toEqual([])
  })

  it('opens a History entry and exports it', async () => {
    const page = await startByKeyboard()
    await tabTo(page, 'subject-input')
    await retype(page, 'For the History')
    await sendWithShortcut(page)
    // Ctrl+3: History. The focus goes to its tab, not to the page.
    expect((await press(page, 'Control+3')).testId).toBe('view-tab-history')
    await page.getByTestId('history-row').first().waitFor()
    await tabTo(page, 'history-row')
    await press(page, 'Enter')
    const entry = page.getByTestId('history-entry')
    await entry.getByTestId('result-status').waitFor()
    expect(await entry.textContent()).toContain('For the History')

    const saved = join(app!.dataDir, 'keyboard-export.json')
    app!.dialogs.saveAnswers.push(saved)
    await tabTo(page, 'export-json')
    await app!.screenshot('a11y-focus-history-export-light')
    await press(page, 'Enter')
    await entry.getByTestId('wire-notice').filter({ hasText: `Saved ${saved}` }).waitFor()
    expect(existsSync(saved)).toBe(true)
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toMatchObject({ result: { status: 'sent' } })
    expect(await focusLosses(page)).toEqual([])
  })

  it('runs a console session with STARTTLS and DATA', async () => {
    const page = await startByKeyboard()
    expect((await press(page, 'Control+4')).testId).toBe('view-tab-console')
    await tabTo(page, 'console-connect')
    await press(page, 'Enter')
    await waitForState(page, 'ready')
    // Connect gave way to the command line: the focus is in it.
    expect((await expectVisibleFocus(page, 'connecting')).testId).toBe('console-input')
    await type(page, 'EHLO keyboard.mailwire.test')
    await press(page, 'Enter')
    await waitForState(page, 'ready')

    await tabTo(page, 'console-starttls', { backwards: true })
    await press(page, 'Enter')
    await page.getByTestId('console-tls').waitFor()
    await waitForState(page, 'ready')
    // STARTTLS is done (and disabled): the focus is back on the command line.
    expect((await expectVisibleFocus(page, 'STARTTLS')).testId).toBe('console-input')

    for (const line of ['MAIL FROM:<keys@mailwire.test>', 'RCPT TO:<inbox@mailwire.test>']) {
      await type(page, line)
      await press(page, 'Enter')
      await waitForState(page, 'ready')
    }
    await type(page, 'DATA')
    await press(page, 'Enter')
    await waitForState(page, 'data')
    // The message box replaced the command line: the focus is in it.
    expect((await expectVisibleFocus(page, 'DATA')).testId).toBe('console-data')
    await type(page, 'Subject: Typed in the console by keyboard\n\nA lone dot next:\n.\nStill the message.\n')
    await app!.screenshot('a11y-focus-console-data-light')
    await tabTo(page, 'console-end-data')
    await press(page, 'Enter')
    await waitForState(page, 'ready')
    expect((await expectVisibleFocus(page, 'End data')).testId).toBe('console-input')
    await type(page, 'QUIT')
    await press(page, 'Enter')
    await waitForState(page, 'closed')
    // Closed: the command line is disabled, so the focus goes to Connect.
    expect((await expectVisibleFocus(page, 'QUIT')).testId).toBe('console-connect')

    const arrived = await app!.services.inbox.list()
    expect(arrived.map((message) => message.subject)).toContain('Typed in the console by keyboard')
    expect(await focusLosses(page)).toEqual([])
  })

  it('edits a server profile', async () => {
    const profile: ProfileInput = {
      name: 'Relay to rename',
      host: 'relay.mailwire.test',
      port: 587,
      security: 'starttls',
      username: '',
      clientName: '',
      allowInvalidCertificate: false,
      allowPlaintextAuth: false,
      caPem: '',
    }
    const page = await startByKeyboard({ profiles: [profile] })
    await tabTo(page, 'profile-edit')
    await press(page, 'Enter')
    await page.getByTestId('profile-editor').waitFor()
    // Edit gave way to the editor: the focus is on its first field.
    expect((await expectVisibleFocus(page, 'Edit')).testId).toBe('profile-name')
    await retype(page, 'Renamed by keyboard')
    await tabTo(page, 'profile-port')
    await retype(page, '2587')
    await app!.screenshot('a11y-focus-profile-editor-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await app!.screenshot('a11y-focus-profile-editor-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await tabTo(page, 'profile-save')
    await press(page, 'Enter')
    await page.getByTestId('profile-editor').waitFor({ state: 'detached' })
    // The editor closed: the focus is back on Edit.
    expect((await expectVisibleFocus(page, 'Save')).testId).toBe('profile-edit')
    expect(app!.services.profiles.get(app!.profiles[0]!.id)).toMatchObject({ name: 'Renamed by keyboard', port: 2587 })
    expect(await focusLosses(page)).toEqual([])
  })
})
