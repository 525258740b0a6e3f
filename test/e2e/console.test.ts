// The console end to end: the built renderer in Chromium, the real preload, IPC, services
// and engine, and the run's Postfix on loopback with STARTTLS (its test CA in the profile).
// A session typed by hand (EHLO, STARTTLS, EHLO, MAIL, RCPT, DATA with a line holding a
// lone dot, End data, QUIT), all in the log, and the message intact in the mailbox.
import { afterEach, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { postfixProfile, startApp, type RunningApp } from './support/harness'
import { inOrder, readLog } from './support/read-log'
import { describeWithPostfix } from '../support/postfix-suite'
import { uniqueMailbox, waitForMail } from '../support/postfix'

/** Postfix delivers in milliseconds, but other suites share it: allow for a busy queue. */
const MAIL_WAIT_MS = 40_000

let app: RunningApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

async function waitForState(page: Page, state: string): Promise<void> {
  await page.locator(`[data-testid=console-state][data-state=${state}]`).waitFor()
}

/** Type a line and press Enter; wait until the reply came (the console is ready again). */
async function typeLine(page: Page, line: string, after = 'ready'): Promise<void> {
  const input = page.getByTestId('console-input')
  await input.fill(line)
  await input.press('Enter')
  await waitForState(page, after)
}

describeWithPostfix('the console', (postfix) => {
  it('runs a session typed by hand over STARTTLS, and the lone-dot line arrives intact', async () => {
    app = await startApp({ profiles: [postfixProfile(postfix)] })
    const { page } = app
    const mailbox = uniqueMailbox('e2e-console')
    await page.getByTestId('view-tab-console').click()
    await page.getByTestId('console-intro').waitFor()
    expect(await page.getByTestId('console-profile-summary').textContent()).toBe(`${postfix.host}:${postfix.port} · STARTTLS`)
    await page.getByTestId('console-connect').click()
    await waitForState(page, 'ready')

    // Tab completes the verb (EHLO with the client name); Enter sends it.
    const input = page.getByTestId('console-input')
    await input.fill('eh')
    await input.press('Tab')
    expect(await input.inputValue()).toMatch(/^EHLO \S+$/)
    await input.press('Enter')
    await waitForState(page, 'ready')

    await page.getByTestId('console-starttls').click()
    await page.getByTestId('console-tls').waitFor()
    await waitForState(page, 'ready')
    expect(await page.getByTestId('console-tls').textContent()).toMatch(/TLSv1\.[23]/)

    await typeLine(page, 'MAIL FROM:<console@mailwire.test>')
    await typeLine(page, `RCPT TO:<${mailbox}>`)
    // Up brings the last line back; Escape clears it again.
    await input.press('ArrowUp')
    expect(await input.inputValue()).toBe(`RCPT TO:<${mailbox}>`)
    await input.press('ArrowUp')
    expect(await input.inputValue()).toBe('MAIL FROM:<console@mailwire.test>')
    await input.press('Escape')
    expect(await input.inputValue()).toBe('')

    await typeLine(page, 'DATA', 'data')
    const body = `Subject: Typed in the console\nFrom: console@mailwire.test\nTo: ${mailbox}\n\nAbove the dot.\n.\nBelow the dot: the message went on.\n`
    await page.getByTestId('console-data').fill(body)
    await app.screenshot('console-data-light')
    await page.getByTestId('console-end-data').click()
    await waitForState(page, 'ready')
    await app.screenshot('console-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await app.screenshot('console-dark')
    await page.emulateMedia({ colorScheme: 'light' })

    await typeLine(page, 'QUIT', 'closed')
    expect(await page.getByTestId('console-connect').isVisible()).toBe(true)

    const log = await readLog(page)
    const client = log.filter((row) => row.kind === 'client').map((row) => row.text)
    expect(client[0]).toMatch(/^EHLO /)
    expect(client.slice(1, 4)).toEqual(['STARTTLS', client[0], 'MAIL FROM:<console@mailwire.test>'])
    expect(client).toContain(`RCPT TO:<${mailbox}>`)
    const dataAt = client.indexOf('DATA')
    // The body as it went on the wire: the lone dot doubled, then the one final dot.
    expect(client.slice(dataAt + 1)).toEqual([
      'Subject: Typed in the console',
      'From: console@mailwire.test',
      `To: ${mailbox}`,
      '',
      'Above the dot.',
      '..',
      'Below the dot: the message went on.',
      '.',
      'QUIT',
    ])
    const codes = log.filter((row) => row.code !== null).map((row) => row.code!)
    expect(inOrder(codes, [220, 250, 220, 250, 250, 250, 354, 250, 221])).toBe(true)
    expect(log.some((row) => row.kind === 'tls')).toBe(true)

    const [raw] = await waitForMail(mailbox, 1, MAIL_WAIT_MS)
    const lines = raw!.split(/\r?\n/)
    const above = lines.indexOf('Above the dot.')
    expect(above).toBeGreaterThan(0)
    expect(lines.slice(above, above + 3)).toEqual(['Above the dot.', '.', 'Below the dot: the message went on.'])
    expect(app.consoleErrors).toEqual([])
  })

  it('refuses a pasted line holding a line break, and sends nothing', async () => {
    app = await startApp({ profiles: [postfixProfile(postfix)] })
    const { page } = app
    await page.getByTestId('view-tab-console').click()
    await page.getByTestId('console-connect').click()
    await waitForState(page, 'ready')
    const input = page.getByTestId('console-input')
    await input.focus()
    await input.evaluate((element) => {
      type PasteScope = { DataTransfer: new () => { setData(type: string, value: string): void }; ClipboardEvent: new (type: string, init: object) => unknown }
      const scope = globalThis as unknown as PasteScope
      const data = new scope.DataTransfer()
      data.setData('text/plain', 'NOOP\r\nRSET')
      ;(element as unknown as { dispatchEvent(event: unknown): boolean }).dispatchEvent(
        new scope.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      )
    })
    const notice = page.getByTestId('console-notice')
    await notice.waitFor()
    expect(await notice.textContent()).toMatch(/^Not sent: a command is one line/)
    expect(await input.inputValue()).toBe('')
    const sends = app.invocations.filter((call) => call.channel === 'console:send')
    expect(sends).toEqual([])
    await page.getByTestId('console-close').click()
    await waitForState(page, 'closed')
  })
})
