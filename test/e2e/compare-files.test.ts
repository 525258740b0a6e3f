// Comparing two session files with each other, end to end: two CLI outputs opened with
// Ctrl+O (no History entry at all), the second compared with the first. The plain send
// against the STARTTLS one marks the TLS steps and the capability change. And the third
// choice of issue 16: this send against the previous one to the same server, one click.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../cli/support/capture-io'
import { tempFiles, type TempFiles } from '../cli/support/temp-files'
import { startApp, type RunningApp } from './support/harness'

let app: RunningApp | undefined
let files: TempFiles
let tlsPath = ''
let plainPath = ''

beforeAll(async () => {
  files = tempFiles()
  const tls = await cli(['send', '--local', '--subject', 'Over STARTTLS', '--body', 'Hello', '--json'])
  expect(tls.code, tls.stderr).toBe(0)
  const plain = await cli(['send', '--local', '--tls', 'none', '--subject', 'In plain text', '--body', 'Hello', '--json'])
  expect(plain.code, plain.stderr).toBe(0)
  tlsPath = files.write('session.json', tls.stdout)
  plainPath = files.write('plain-session.json', plain.stdout)
})
afterAll(() => files.remove())
afterEach(async () => {
  await app?.close()
  app = undefined
})

describe('comparing two opened session files', () => {
  it('the second file opened is compared with the first, with no History entry at all', async () => {
    app = await startApp()
    const { page } = app
    app.dialogs.openAnswers.push([tlsPath])
    await page.keyboard.press('Control+O')
    await page.getByTestId('opened-file').filter({ hasText: 'session.json' }).waitFor()
    // One file and no History: nothing to compare with yet.
    expect(await page.getByTestId('compare-with').count()).toBe(0)

    app.dialogs.openAnswers.push([plainPath])
    await page.keyboard.press('Control+O')
    await page.getByTestId('opened-file').filter({ hasText: 'plain-session.json' }).waitFor()
    const offered = await page.getByTestId('compare-with').locator('option').allTextContents()
    expect(offered).toHaveLength(1)
    expect(offered[0]).toMatch(/^session\.json · /)
    await page.getByTestId('compare-button').click()

    const comparison = page.getByTestId('session-comparison')
    await comparison.waitFor()
    expect(await comparison.getAttribute('data-same')).toBe('false')
    expect(await comparison.textContent()).toContain('Over STARTTLS')
    expect(await comparison.textContent()).toContain('In plain text')
    const steps = await comparison.getByTestId('comparison-step').evaluateAll((found) =>
      found.map((row) => `${row.getAttribute('data-mark')} ${(row.querySelector('th')?.textContent ?? '').split(' · ')[0]}`),
    )
    expect(steps).toEqual(expect.arrayContaining(['only-a STARTTLS', 'only-a TLS handshake', 'only-a EHLO (inside TLS)']))
    expect(await comparison.getByTestId('capabilities-in-force').textContent()).toContain('capability added: STARTTLS')
    await app.screenshot('session-comparison-two-files')
  })
})

describe('this send against the previous one to the same server', () => {
  it('one click from the Send view opens the comparison of the last two sends', async () => {
    app = await startApp()
    const { page } = app
    for (const subject of ['The earlier send', 'The later send']) {
      await page.getByTestId('subject-input').fill(subject)
      await page.getByTestId('send-button').click()
      await page.getByTestId('result-status').filter({ hasText: 'sent' }).waitFor()
      if (subject === 'The earlier send') {
        // Nothing sent to this server before: nothing to compare with.
        expect(await page.getByTestId('compare-previous').count()).toBe(0)
      }
    }
    await page.getByTestId('compare-previous').click()
    const comparison = page.getByTestId('session-comparison')
    await comparison.waitFor()
    expect(await page.getByTestId('view-tab-history').getAttribute('aria-selected')).toBe('true')
    const sides = await comparison.locator('dd').allTextContents()
    expect(sides[0]).toContain('The earlier send')
    expect(sides[1]).toContain('The later send')
    expect(await comparison.getAttribute('data-same')).toBe('true')
  })
})
