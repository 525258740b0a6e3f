// Issue 24, point 1: a server that accepts and never speaks. The Send view names the wait
// as it happens ("Connected, waiting for the greeting"), with the time waited and when it
// gives up: soon by default (a person is watching), RFC 5321's five minutes when the
// profile asks for them.
import { afterEach, beforeEach, expect, it, describe } from 'vitest'
import type { Page } from 'playwright-core'
import type { ProfileInput } from '../../preload/contract'
import { startApp, type RunningApp } from './support/harness'
import { startSilentServer, type SilentServer } from './support/silent-server'

let app: RunningApp | undefined
let silent: SilentServer
beforeEach(async () => {
  silent = await startSilentServer()
})
afterEach(async () => {
  await app?.close()
  app = undefined
  await silent.close()
})

function silentProfile(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name: 'Silent port',
    host: '127.0.0.1',
    port: silent.port,
    security: 'none',
    username: '',
    clientName: '',
    allowInvalidCertificate: false,
    allowPlaintextAuth: false,
    caPem: '',
    ...overrides,
  }
}

async function composeAndSend(page: Page) {
  await page.getByTestId('from-input').fill('newcomer@mailwire.test')
  await page.getByTestId('to-input').fill('someone@mailwire.test,')
  await page.getByTestId('subject-input').fill('Anyone there?')
  await page.getByTestId('send-button').click()
}

describe('waiting on a silent server', () => {
  it('names the wait for the greeting, counts the time waited and says when it gives up', async () => {
    app = await startApp({ profiles: [silentProfile()] })
    const { page } = app
    const connected = silent.nextConnection()
    await composeAndSend(page)
    await connected

    const wait = page.getByTestId('session-wait')
    await page.locator('[data-testid=session-wait][data-phase=greeting]').waitFor()
    expect(await wait.getByTestId('wait-what').textContent()).toBe('Connected, waiting for the greeting')
    // The interactive default: half a minute, not RFC 5321's five.
    expect(await wait.getByTestId('wait-deadline').textContent()).toMatch(/^gives up at \d\d:\d\d:\d\d \(after 30 s\)$/)
    // The count goes on while it waits.
    await page.waitForFunction(() => {
      const text = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector(
        '[data-testid=wait-elapsed]',
      )?.textContent
      return text !== undefined && text !== 'waited 0 s'
    })
    expect(await wait.getByTestId('wait-elapsed').textContent()).toMatch(/^waited \d+ s$/)

    await page.emulateMedia({ colorScheme: 'light' })
    await app.screenshot('waiting-greeting-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await app.screenshot('waiting-greeting-dark')

    await page.getByTestId('cancel-button').click()
    await page.getByTestId('result-status').waitFor()
    expect(await wait.count()).toBe(0)
  })

  it('waits RFC 5321 five minutes when the profile asks for them', async () => {
    app = await startApp({ profiles: [silentProfile({ waitLimits: 'rfc5321' })] })
    const { page } = app
    await composeAndSend(page)
    await page.locator('[data-testid=session-wait][data-phase=greeting]').waitFor()
    expect(await page.getByTestId('wait-deadline').textContent()).toMatch(/\(after 5 min 00 s\)$/)
    await page.getByTestId('cancel-button').click()
    await page.getByTestId('result-status').waitFor()
  })

  it('offers the choice in the server editor, kept with the profile', async () => {
    app = await startApp({ profiles: [silentProfile()] })
    const { page } = app
    await page.getByTestId('profile-edit').click()
    await page.getByRole('button', { name: '+ More options' }).click()
    await page.getByTestId('profile-waitLimits').selectOption('rfc5321')
    await page.getByTestId('profile-save').click()
    await page.getByTestId('profile-save').waitFor({ state: 'detached' })
    expect(app.services.profiles.get(app.profiles[0]!.id).waitLimits).toBe('rfc5321')
  })
})
