// The History view end to end: every send is listed (newest first, live after a send),
// an entry reopens with its transcript in the wire log (filter, search, copy) and its
// result, exports as JSON through the save dialog, and can be deleted.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { SendResult, WireEvent } from '../../preload/contract'
import { startApp, type RunningApp } from './support/harness'

/** The page's globals these tests touch (the e2e project is typed without the DOM library). */
type PageGlobals = { navigator: { clipboard: { readText(): Promise<string> } } }

let app: RunningApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

async function sendAndWait(page: Page, subject: string, status = 'sent'): Promise<void> {
  await page.getByTestId('view-tab-send').click()
  await page.getByTestId('subject-input').fill(subject)
  await page.getByTestId('send-button').click()
  await page.getByTestId('result-status').filter({ hasText: status }).waitFor()
}

describe('the History view', () => {
  it('lists every send newest first, reopens a transcript with its result, exports JSON, and deletes', async () => {
    app = await startApp()
    const { page } = app
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url })
    await sendAndWait(page, 'First through the local inbox')
    const firstQueueId = await page.getByTestId('queue-id').textContent()

    await page.getByTestId('view-tab-history').click()
    const rows = page.getByTestId('history-row')
    await rows.first().waitFor()
    expect(await rows.count()).toBe(1)
    expect(await rows.first().getAttribute('data-status')).toBe('sent')
    expect(await rows.first().textContent()).toContain('First through the local inbox')
    expect(await rows.first().textContent()).toContain('Local test inbox')

    // With History open, Ctrl+Enter brings Send forward and sends there (the session in
    // view); once saved, the send is at the top of History.
    await page.getByTestId('view-tab-send').click()
    await page.getByTestId('subject-input').fill('Second, while History is open')
    await page.getByTestId('view-tab-history').click()
    await page.keyboard.press('Control+Enter')
    expect(await page.getByTestId('view-tab-send').getAttribute('aria-selected')).toBe('true')
    await page.getByTestId('queue-id').filter({ hasNotText: firstQueueId ?? '' }).waitFor()
    await page.getByTestId('view-tab-history').click()
    await expect.poll(() => rows.count()).toBe(2)
    expect(await rows.first().textContent()).toContain('Second, while History is open')

    // Reopen the first session: its transcript in the wire log, its result under it.
    await rows.nth(1).click()
    const entry = page.getByTestId('history-entry')
    await entry.waitFor()
    const log = entry.getByTestId('wire-log')
    await log.getByTestId('wire-row').first().waitFor()
    expect(await log.getByTestId('wire-row').first().textContent()).toMatch(/connecting to 127\.0\.0\.1/i)
    expect(await entry.getByTestId('result-status').getAttribute('data-status')).toBe('sent')
    expect(await entry.getByTestId('queue-id').textContent()).toBe(firstQueueId)

    // The same tools as the live log: search, filter, copy.
    // Paused on an early hit: "Jump to latest" sits under the rows, never over their right
    // end (floating, it hid the TLS row's Details in this short log).
    await log.getByTestId('log-search').fill('STARTTLS')
    const jump = await log.getByTestId('jump-latest').boundingBox()
    const rowsArea = await log.getByTestId('wire-log-scroller').boundingBox()
    expect(jump!.y).toBeGreaterThanOrEqual(rowsArea!.y + rowsArea!.height)
    await app.screenshot('history-jump-to-latest')
    await log.getByTestId('log-search').fill('queued as')
    expect(await log.getByTestId('search-count').textContent()).toBe('1 of 1')
    await log.getByTestId('filter-exchange').check()
    const kinds = await log.getByTestId('wire-row').evaluateAll((found) => found.map((row) => row.getAttribute('data-kind') ?? ''))
    expect(kinds.length).toBeGreaterThan(0)
    expect(kinds.every((kind) => ['client', 'server'].includes(kind))).toBe(true)
    await log.getByTestId('copy-all').click()
    await log.getByTestId('wire-notice').filter({ hasText: 'Copied' }).waitFor()
    const copied = await page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard.readText())
    expect(copied).toMatch(/ ~> MAIL FROM:<you@mailwire.test>/)

    await app.screenshot('history-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await app.screenshot('history-dark')
    await page.emulateMedia({ colorScheme: 'light' })

    // Export as JSON through the (fake) save dialog: the transcript and the result.
    const saved = join(app.dataDir, 'first-session.json')
    app.dialogs.saveAnswers.push(saved)
    await log.getByTestId('export-json').click()
    await log.getByTestId('wire-notice').filter({ hasText: `Saved ${saved}` }).waitFor()
    const exported = JSON.parse(readFileSync(saved, 'utf8')) as { transcript: WireEvent[]; result: SendResult }
    expect(exported.result).toMatchObject({ status: 'sent', queueId: firstQueueId })
    expect(exported.transcript.some((event) => event.kind === 'client' && event.text.startsWith('EHLO'))).toBe(true)
    expect(app.dialogs.saveRequests.at(-1)?.defaultName).toMatch(/First through the local inbox\.json$/)

    // The inbox's side of the same session is one click away.
    await entry.getByTestId('open-in-inbox').click()
    await page.getByTestId('inbox-message').filter({ has: page.getByText('First through the local inbox') }).waitFor()
    expect(await page.getByTestId('inbox-message').getAttribute('data-id')).toBe(firstQueueId)

    // Delete asks once more, then the entry is gone from the list and from disk.
    await page.getByTestId('view-tab-history').click()
    await page.getByTestId('history-entry').waitFor()
    const deletedId = await page.getByTestId('history-entry').getAttribute('data-id')
    await page.getByTestId('delete-entry').click()
    await page.getByTestId('confirm-delete-entry').click()
    await expect.poll(() => rows.count()).toBe(1)
    expect(await page.getByTestId('history-entry').count()).toBe(0)
    expect(existsSync(join(app.dataDir, 'history', `${deletedId}.json`))).toBe(false)
    expect(app.services.history.list().map((summary) => summary.id)).not.toContain(deletedId)
  })

  it('keeps a refused session with its error, reopened from the list', async () => {
    app = await startApp()
    const { page } = app
    await app.services.inbox.setFaults({ rcpt451: true })
    await page.getByTestId('view-tab-send').click()
    await sendAndWait(page, 'Deferred by the inbox', 'refused')

    await page.getByTestId('view-tab-history').click()
    const row = page.getByTestId('history-row').first()
    await row.waitFor()
    expect(await row.getAttribute('data-status')).toBe('refused')
    await row.click()
    const entry = page.getByTestId('history-entry')
    await entry.getByTestId('result-error').waitFor()
    expect(await entry.getByTestId('recipient-result').textContent()).toContain('451')
    await entry.getByTestId('filter-errors').check()
    expect(await entry.getByTestId('wire-row').filter({ hasText: 'local inbox fault: 451 on RCPT' }).count()).toBeGreaterThan(0)
  })
})
