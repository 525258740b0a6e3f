// Issue 24, point 6: outcomes that say what happened. A cancelled send is a neutral
// "Cancelled", not a red FAILED; a failed History row says why; the .eml export is off when
// the message was not kept; the port matrix tells a TLS handshake that timed out from a
// connection never made; `Bob <bob@example` is missing its `>`, not "contains a space".
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { ProfileInput } from '../../preload/contract'
import { startApp, type RunningApp } from './support/harness'
import { startSilentServer, type SilentServer } from './support/silent-server'

let app: RunningApp | undefined
let silent: SilentServer | undefined
afterEach(async () => {
  await app?.close()
  await silent?.close()
  app = undefined
  silent = undefined
})

function plainProfile(port: number): ProfileInput {
  return {
    name: 'Plain port',
    host: '127.0.0.1',
    port,
    security: 'none',
    username: '',
    clientName: '',
    allowInvalidCertificate: false,
    allowPlaintextAuth: false,
    caPem: '',
  }
}

async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function compose(page: Page) {
  await page.getByTestId('from-input').fill('newcomer@mailwire.test')
  await page.getByTestId('to-input').fill('someone@mailwire.test,')
  await page.getByTestId('subject-input').fill('Outcomes')
}

describe('outcomes that say what happened', () => {
  it('shows a cancelled send as a neutral Cancelled, here and in History', async () => {
    silent = await startSilentServer()
    app = await startApp({ profiles: [plainProfile(silent.port)] })
    const { page } = app
    await compose(page)
    await page.getByTestId('send-button').click()
    await page.getByTestId('session-wait').waitFor()
    await page.keyboard.press('Escape')
    const banner = page.getByTestId('result-status')
    await banner.waitFor()
    expect(await banner.getAttribute('data-outcome')).toBe('cancelled')
    expect(await banner.getByTestId('status-pill').textContent()).toBe('Cancelled')
    expect(await page.getByTestId('result-error').count()).toBe(0)
    await page.emulateMedia({ colorScheme: 'light' })
    await app.screenshot('cancelled-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await app.screenshot('cancelled-dark')

    await page.getByTestId('view-tab-history').click()
    expect(await page.getByTestId('history-row').first().getByTestId('history-outcome').textContent()).toBe('Cancelled')
    expect(await page.getByTestId('history-reason').count()).toBe(0)
  })

  it('says in the History row why a session failed, and keeps .eml export off when the message was not kept', async () => {
    app = await startApp({ profiles: [plainProfile(await closedPort())], keptMessageBound: 10 })
    const { page } = app
    await compose(page)
    await page.getByTestId('send-button').click()
    await page.locator('[data-testid=result-status][data-status=failed]').waitFor()
    // Larger than the bound: not kept, so the live session's .eml export is off and says why.
    expect(await page.getByTestId('export-eml').isDisabled()).toBe(true)
    expect(await page.getByTestId('export-eml').getAttribute('title')).toContain('.eml not kept')
    expect(await page.getByTestId('export-text').isEnabled()).toBe(true)

    await page.getByTestId('view-tab-history').click()
    const row = page.getByTestId('history-row').first()
    expect(await row.getByTestId('history-outcome').textContent()).toBe('Failed')
    expect(await row.getByTestId('history-reason').textContent()).toMatch(/^ECONNECT .*refused/)
    await row.click()
    await page.getByTestId('export-eml').waitFor()
    await expect.poll(() => page.getByTestId('export-eml').isDisabled()).toBe(true)
    await page.emulateMedia({ colorScheme: 'light' })
    await app.screenshot('history-failed-reason-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await app.screenshot('history-failed-reason-dark')
  })

  it('tells a TLS handshake that timed out from a connection never made, in the port matrix', async () => {
    silent = await startSilentServer()
    app = await startApp()
    const { page } = app
    await page.getByTestId('view-tab-probe').click()
    await page.getByTestId('probe-host').fill('127.0.0.1')
    await page.getByTestId('probe-matrix-ports').fill(String(silent.port))
    await page.getByTestId('probe-matrix-run').click()
    await page.getByTestId('port-matrix').waitFor()
    const implicit = page.locator(`[data-testid=matrix-cell][data-port="${silent.port}"][data-security=implicit]`)
    expect(await implicit.getAttribute('data-outcome')).toBe('timeout')
    const detail = (await implicit.getAttribute('title')) ?? ''
    expect(detail).toContain('connected to 127.0.0.1')
    expect(detail).toContain('TLS handshake did not finish')
    expect(detail).not.toContain('could not connect')
  })

  it('names the missing > of "Bob <bob@example"', async () => {
    app = await startApp()
    const { page } = app
    await page.getByTestId('to-input').fill('Bob <bob@example,')
    const chip = page.getByTestId('chip').filter({ hasText: 'Bob <bob@example' })
    expect(await chip.getByTestId('chip-error').textContent()).toBe('the address after < has no closing >')
  })
})
