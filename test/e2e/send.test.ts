// The UI end to end: the built renderer in Chromium, the real preload, IPC handlers,
// services and engine behind it, and a real Postfix on loopback. Fill the form, send,
// watch the wire log and the result, and check the mail arrived.
import { afterEach, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { postfixProfile, startApp, type RunningApp } from './support/harness'
import { inOrder, readLog, scrollLogTo } from './support/read-log'
import { describeWithPostfix } from '../support/postfix-suite'
import { uniqueMailbox, waitForMail } from '../support/postfix'

async function compose(page: Page, message: { from: string; to: string[]; subject: string; text: string }) {
  await page.getByTestId('from-input').fill(message.from)
  await page.getByTestId('to-input').fill(`${message.to.join(', ')},`)
  await page.getByTestId('subject-input').fill(message.subject)
  await page.getByTestId('body-input').fill(message.text)
}

/** Postfix delivers in milliseconds, but other suites share it: allow for a busy queue. */
const MAIL_WAIT_MS = 40_000

let app: RunningApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

describeWithPostfix('sending from the UI', (postfix) => {
  it('sends to two recipients, shows 220, 250, 354, 250, 221 in order, and both mailboxes get it', async () => {
    app = await startApp({ profiles: [postfixProfile(postfix, { name: 'Postfix plain', security: 'none' })] })
    const { page } = app
    const first = uniqueMailbox('e2e-first')
    const second = uniqueMailbox('e2e-second')
    await compose(page, { from: 'Mailwire E2E <e2e@mailwire.test>', to: [first, second], subject: 'Two recipients', text: 'Hello from the UI.\n' })
    await page.getByTestId('send-button').click()

    const status = page.getByTestId('result-status')
    await status.waitFor()
    expect(await status.getAttribute('data-status')).toBe('sent')
    expect(await status.getByTestId('status-pill').textContent()).toBe('Sent')
    expect(await status.getByTestId('status-sentence').textContent()).toBe('The server accepted the message for all 2 recipients.')
    expect(await page.getByTestId('recipient-result').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-accepted')))).toEqual(['true', 'true'])
    expect(await page.getByTestId('queue-id').textContent()).toMatch(/^[0-9A-Za-z]+$/)

    const log = await readLog(page)
    // Back at the bottom, the log follows new lines again by itself.
    await page.getByTestId('jump-latest').waitFor({ state: 'hidden' })
    const codes = log.filter((row) => row.code !== null).map((row) => row.code!)
    expect(inOrder(codes, [220, 250, 354, 250, 221])).toBe(true)
    expect(codes.indexOf(354)).toBeGreaterThan(codes.indexOf(220))
    expect(log.filter((row) => row.kind === 'client').map((row) => row.text)).toEqual(
      expect.arrayContaining([`RCPT TO:<${first}>`, `RCPT TO:<${second}>`, 'DATA', 'QUIT']),
    )

    const delivered = await Promise.all([first, second].map((mailbox) => waitForMail(mailbox, 1, MAIL_WAIT_MS)))
    for (const [raw] of delivered) {
      expect(raw).toContain('Subject: Two recipients')
      expect(raw).toContain('Hello from the UI.')
    }
    // No CSP violation, no error: the UI runs under the app's strict header as it is.
    expect(app.consoleErrors).toEqual([])
  })

  it('shows a refused recipient in the result, with its code explained on hover', async () => {
    app = await startApp({ profiles: [postfixProfile(postfix, { name: 'Postfix plain', security: 'none' })] })
    const { page } = app
    const accepted = uniqueMailbox('e2e-ok')
    const refused = uniqueMailbox('reject')
    await compose(page, { from: 'e2e@mailwire.test', to: [accepted, refused], subject: 'One refused', text: 'Hi\n' })
    await page.keyboard.press('Control+Enter')

    const status = page.getByTestId('result-status')
    await status.waitFor()
    expect(await status.getAttribute('data-status')).toBe('partial')
    const refusedRow = page.getByTestId('recipient-result').filter({ hasText: refused })
    expect(await refusedRow.getAttribute('data-accepted')).toBe('false')
    expect(await refusedRow.textContent()).toContain('✗ refused')
    expect(await refusedRow.textContent()).toContain('550 5.1.1')

    // Find the refusal with the log's search, which scrolls the first hit into view.
    await page.getByTestId('log-search').fill('address rejected')
    expect(await page.getByTestId('search-count').textContent()).toBe('1 of 1')
    const badge = page.locator('[data-testid=wire-row][data-active-hit] [data-testid=reply-badge]')
    expect(await badge.textContent()).toBe('550')
    await badge.hover()
    const tooltip = page.getByRole('tooltip')
    expect(await tooltip.textContent()).toContain('mailbox unavailable')
    expect(await waitForMail(accepted, 1, MAIL_WAIT_MS)).toHaveLength(1)
    await app.screenshot('send-refused-light')
  })

  it('shows the TLS boundary of a STARTTLS session, with the certificate verified against the given CA', async () => {
    app = await startApp({ profiles: [postfixProfile(postfix, { name: 'Postfix STARTTLS', security: 'starttls', caPem: postfix.caPem })] })
    const { page } = app
    const mailbox = uniqueMailbox('e2e-tls')
    await compose(page, { from: 'Mailwire <e2e@mailwire.test>', to: [mailbox, uniqueMailbox('e2e-tls-two')], subject: 'Over STARTTLS', text: 'Encrypted hello.\n' })
    await page.getByTestId('send-button').click()
    await page.getByTestId('result-status').waitFor()
    expect(await page.getByTestId('result-status').getAttribute('data-status')).toBe('sent')

    const log = await readLog(page)
    await page.getByTestId('jump-latest').waitFor({ state: 'hidden' })
    const tlsRow = log.findIndex((row) => row.kind === 'tls')
    expect(tlsRow).toBeGreaterThan(0)
    expect(log.slice(0, tlsRow).some((row) => row.text === 'STARTTLS')).toBe(true)

    await scrollLogTo(page, 'tls-boundary')
    const boundary = page.getByTestId('tls-boundary')
    await boundary.scrollIntoViewIfNeeded()
    expect(await boundary.textContent()).toContain('TLS started (STARTTLS)')
    expect(await page.getByTestId('tls-verdict').textContent()).toContain('certificate verified')
    await page.getByTestId('tls-details-toggle').focus()
    await page.keyboard.press('Enter')
    const details = page.getByTestId('tls-details')
    expect(await details.textContent()).toMatch(/\d+ days left/)
    expect(await details.textContent()).toContain('IP Address:127.0.0.1')
    await page.getByTestId('tls-details-toggle').click()
    await details.waitFor({ state: 'detached' })
    expect(await waitForMail(mailbox, 1, MAIL_WAIT_MS)).toHaveLength(1)

    // Screenshots: the boundary in the middle of the log; in dark, with its details open.
    await boundary.evaluate((element) => element.scrollIntoView({ block: 'center' }))
    await page.emulateMedia({ colorScheme: 'light' })
    await app.screenshot('send-starttls-light')
    await page.getByTestId('tls-details-toggle').click()
    await boundary.evaluate((element) => element.scrollIntoView({ block: 'center' }))
    await page.emulateMedia({ colorScheme: 'dark' })
    await app.screenshot('send-starttls-dark')
  })
})
