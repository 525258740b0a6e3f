// Issue 24, point 4: a big send does not flood the log. A 20 MB attachment used to write
// about 28 "message data: N bytes sent of about M" rows; the log now holds one progress
// row that updates in place (and ends at the summary's count), in MB like the attachment
// chip, and the result says how big the message was on the wire and why: base64.
import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/harness'
import { readLog } from './support/read-log'

let app: RunningApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

/** 20 MB as file managers count (powers of 1000): "20 MB" on the chip. */
const FILE_BYTES = 20_000_000

describe('a big send', () => {
  it('shows one progress row in MB and says what base64 made of the file', { timeout: 120_000 }, async () => {
    app = await startApp()
    const { page } = app
    const file = join(app.dataDir, 'big.bin')
    await writeFile(file, randomBytes(FILE_BYTES))
    app.dialogs.openAnswers.push([file])
    await expect.poll(() => page.getByTestId('from-input').inputValue()).toBe('you@mailwire.test')
    await page.getByTestId('attach-button').click()
    const chip = page.getByTestId('attachment').filter({ hasText: 'big.bin' })
    await chip.waitFor()
    expect(await chip.textContent()).toContain('20 MB')

    await page.getByTestId('send-button').click()
    await page.locator('[data-testid=result-status][data-status=sent]').waitFor({ timeout: 90_000 })

    const log = await readLog(page)
    const counts = log.filter((row) => row.text.startsWith('message data:') && row.text.includes(' sent'))
    expect(counts.map((row) => row.text)).toEqual(['message data: 27 MB of about 27 MB sent (100%)'])
    // The summary keeps its exact count: the one place the byte figure matters.
    expect(log.filter((row) => /^message data: \d+ bytes, \d+ lines/.test(row.text))).toHaveLength(1)
    // The wire's size is the session's own count; the file's is on disk.
    const result = app.events.filter((event) => event.channel === 'session:result').at(-1)!.payload as { result: { dataBytes: number } }
    expect(result.result.dataBytes).toBeGreaterThan(FILE_BYTES * 1.3)
    expect(await page.getByTestId('message-size').textContent()).toBe('27 MB on the wire (base64 of 20 MB)')

    // The progress row in view, for the screenshots.
    await page.getByTestId('log-search').fill('of about')
    await page.locator('[data-testid=wire-row][data-progress]').waitFor()
    await page.getByTestId('result').evaluate((element) => element.scrollTo(0, 0))
    await page.emulateMedia({ colorScheme: 'light' })
    await app.screenshot('big-send-one-progress-row-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await app.screenshot('big-send-one-progress-row-dark')
  })
})
