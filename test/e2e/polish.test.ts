// Issue 24, point 7 (part): the server editor's Save stays off until the required name and
// host are there, instead of letting Save answer "name is required." twice.
import { afterEach, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/harness'

let app: RunningApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

describe('the server editor', () => {
  it('keeps Save off until the name and the host are filled in', async () => {
    app = await startApp()
    const { page } = app
    await page.getByTestId('profile-new').click()
    const save = page.getByTestId('profile-save')
    await page.getByTestId('profile-host').fill('smtp.example.test')
    expect(await save.isDisabled()).toBe(true)
    await page.getByTestId('profile-name').fill('Example')
    expect(await save.isEnabled()).toBe(true)
    await page.getByTestId('profile-name').fill('   ')
    expect(await save.isDisabled()).toBe(true)
    expect(await page.getByText(/name is required/i).count()).toBe(0)
  })
})
