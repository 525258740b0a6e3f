// Session files in the app, end to end: what `mailwire send --json` wrote opens with
// Ctrl+O (main's open dialog) in the wire log and the result as if it had just run; a
// file dropped on the window outside the compose form opens the same way; a foreign file
// gets the reader's one-sentence reason.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../cli/support/capture-io'
import { tempFiles, type TempFiles } from '../cli/support/temp-files'
import { startApp, type RunningApp } from './support/harness'

let app: RunningApp | undefined
let files: TempFiles
let sessionPath = ''
let sessionText = ''

beforeAll(async () => {
  files = tempFiles()
  // A real session from the CLI: a temporary local inbox, STARTTLS verified, one message.
  const run = await cli(['send', '--local', '--subject', 'Opened from a CI log', '--body', 'Hello', '--json'])
  expect(run.code, run.stderr).toBe(0)
  sessionText = run.stdout
  sessionPath = files.write('ci-session.json', sessionText)
})
afterAll(() => files.remove())
afterEach(async () => {
  await app?.close()
  app = undefined
})

/** A drop on the window's header (outside the compose form) of one File with `text`. */
const dropOnHeader = (name: string, text: string) => `(() => {
  const transfer = new DataTransfer()
  transfer.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(name)}, { type: 'application/json' }))
  const target = document.querySelector('.app-header')
  target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }))
  target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
})()`

describe('opening a session file', () => {
  it('Ctrl+O opens the CLI output in the wire log and the result; a drop opens it too; a foreign file is refused', async () => {
    app = await startApp()
    const { page } = app
    app.dialogs.openAnswers.push([sessionPath])
    await page.keyboard.press('Control+O')

    const entry = page.getByTestId('history-entry')
    await entry.getByTestId('opened-file').filter({ hasText: 'ci-session.json' }).waitFor()
    expect(await page.getByTestId('view-tab-history').getAttribute('aria-selected')).toBe('true')
    expect(await entry.textContent()).toContain('Opened from a CI log')
    expect(await entry.getByTestId('delete-entry').count()).toBe(0)
    const log = entry.getByTestId('wire-log')
    await log.getByTestId('wire-row').first().waitFor()
    const texts = await log.getByTestId('wire-row').allTextContents()
    expect(texts.some((text) => text.includes('STARTTLS'))).toBe(true)
    const queueId = (JSON.parse(sessionText) as { result: { queueId: string } }).result.queueId
    expect(await entry.getByTestId('queue-id').textContent()).toBe(queueId)
    expect(await entry.getByTestId('result-status').getAttribute('data-status')).toBe('sent')
    const shot = await app.screenshot('session-file-opened')
    expect(shot).toMatch(/session-file-opened\.png$/)

    // A foreign JSON dropped on the window: the reader's reason, nothing opened.
    await page.evaluate(dropOnHeader('package.json', '{"name": "mailwire"}'))
    await page.getByText('package.json cannot be opened: it is not a Mailwire session file').waitFor()

    // The session file dropped: opened again, from its text (no path crossed).
    await page.evaluate(dropOnHeader('dropped.json', sessionText))
    await entry.getByTestId('opened-file').filter({ hasText: 'dropped.json' }).waitFor()
    expect(await entry.getByTestId('result-status').getAttribute('data-status')).toBe('sent')
  })
})

describe('comparing two sessions', () => {
  it('two sends to the same server differ only in timing; an opened STARTTLS file against a plain send marks the TLS steps', async () => {
    app = await startApp()
    const { page } = app
    for (const subject of ['First of two', 'Second of two']) {
      await page.getByTestId('view-tab-send').click()
      await page.getByTestId('subject-input').fill(subject)
      await page.getByTestId('send-button').click()
      await page.getByTestId('result-status').filter({ hasText: 'sent' }).waitFor()
      await page.getByTestId('queue-id').filter({ hasNotText: '' }).waitFor()
    }
    await page.getByTestId('view-tab-history').click()
    const rows = page.getByTestId('history-row')
    await expect.poll(() => rows.count()).toBe(2)
    await rows.first().click()
    await page.getByTestId('history-entry').waitFor()
    // Offered first: the previous send to the same server.
    expect(await page.getByTestId('compare-with').locator('option:checked').textContent()).toContain('First of two')
    await page.getByTestId('compare-button').click()
    const comparison = page.getByTestId('session-comparison')
    await comparison.waitFor()
    expect(await comparison.getAttribute('data-same')).toBe('true')
    expect(await comparison.getByTestId('comparison-verdict').textContent()).toBe('Same outcome and the same replies: only the timing differs.')
    const marks = await comparison.getByTestId('comparison-step').evaluateAll((found) => found.map((row) => row.getAttribute('data-mark')))
    expect(marks.length).toBeGreaterThanOrEqual(9)
    expect(marks.every((mark) => mark === 'same')).toBe(true)
    await app.screenshot('session-comparison-same')
    await page.getByTestId('close-comparison').click()

    // The CLI's file (sent with --tls none to a fresh local inbox) against the app's STARTTLS send.
    const plain = await cli(['send', '--local', '--tls', 'none', '--subject', 'Plain from the CLI', '--body', 'Hello', '--json'])
    expect(plain.code, plain.stderr).toBe(0)
    app.dialogs.openAnswers.push([files.write('plain.json', plain.stdout)])
    await page.keyboard.press('Control+O')
    await page.getByTestId('opened-file').filter({ hasText: 'plain.json' }).waitFor()
    await page.getByTestId('compare-button').click()
    await comparison.waitFor()
    expect(await comparison.getAttribute('data-same')).toBe('false')
    const steps = await comparison.getByTestId('comparison-step').evaluateAll((found) =>
      found.map((row) => `${row.getAttribute('data-mark')} ${(row.querySelector('th')?.textContent ?? '').split(' · ')[0]}`),
    )
    expect(steps).toEqual(expect.arrayContaining(['only-a STARTTLS', 'only-a TLS handshake', 'only-a EHLO (inside TLS)']))
    expect(await comparison.getByTestId('capabilities-in-force').textContent()).toContain('capability added: STARTTLS')
    const shot = await app.screenshot('session-comparison-tls')
    expect(shot).toMatch(/session-comparison-tls\.png$/)
  })
})
