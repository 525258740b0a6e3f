// Issue 24, point 5: the waterfall tells the server's time from ours. The greeting is a
// step of its own (not part of "connect"), and so is preparing the message (not part of
// "EHLO")).
import { afterEach, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/harness'

let app: RunningApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

describe('the waterfall of a send', () => {
  it('shows the greeting and the message preparation as steps of their own', async () => {
    app = await startApp()
    const { page } = app
    await page.getByTestId('send-button').click()
    const banner = page.getByTestId('result-status')
    await banner.waitFor()
    expect(await banner.getAttribute('data-status')).toBe('sent')

    const steps = await page.getByRole('rowheader').allTextContents()
    expect(steps.slice(0, 3)).toEqual(['connect', 'greeting', 'EHLO'])
    expect(steps).toContain('prepare')
    // Preparing comes after the last EHLO and before the envelope.
    expect(steps.indexOf('prepare')).toBeLessThan(steps.indexOf('envelope'))
    for (const step of ['greeting', 'prepare']) {
      expect(await page.getByTestId(`waterfall-${step}`).getByTestId('waterfall-time').textContent()).toMatch(/ms|s$/)
    }
    await page.getByTestId('waterfall').scrollIntoViewIfNeeded()
    await page.emulateMedia({ colorScheme: 'light' })
    await app.screenshot('waterfall-greeting-prepare-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await app.screenshot('waterfall-greeting-prepare-dark')
  })
})
