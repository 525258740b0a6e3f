// Issue 24, point 7: the polish a newcomer tripped over. The server form names what it
// lacks once, in a sentence, and Send does not save it without. The first run's body about the
// local test inbox does not go to another server (a body the user wrote stays); the
// console's TLS badge ends with the connection and its server is locked while connected;
// and the layouts at 900x600, 1280x820 and 1920x1080 (screenshots in both themes).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { ProfileInput } from '../../preload/contract'
import { startSmtpServer, type TestServer } from '../smtp/support/smtp-server'
import { testPki } from '../support/test-ca'
import { startDnsResponder, type DnsResponder } from '../probe/support/dns-responder'
import { startApp, type RunningApp } from './support/harness'

let app: RunningApp | undefined
let server: TestServer | undefined
let dns: DnsResponder
beforeAll(async () => {
  dns = await startDnsResponder({ 'mailwire.test': [{ priority: 10, exchange: 'mx.mailwire.test' }] })
})
afterAll(async () => {
  await dns.close()
})
afterEach(async () => {
  await app?.close()
  await server?.close()
  app = undefined
  server = undefined
})

const WELCOME = 'This message went to the local test inbox'

async function tlsServer(): Promise<{ server: TestServer; profile: ProfileInput }> {
  const pki = await testPki()
  const started = await startSmtpServer({ cert: `${pki.server.cert}\n${pki.ca.cert}` })
  return {
    server: started,
    profile: {
      name: 'Relay with our CA',
      host: '127.0.0.1',
      port: started.port,
      security: 'starttls',
      username: '',
      clientName: '',
      allowInvalidCertificate: false,
      allowPlaintextAuth: false,
      caPem: pki.ca.cert,
    },
  }
}

async function bothThemes(running: RunningApp, name: string) {
  await running.page.emulateMedia({ colorScheme: 'light' })
  await running.screenshot(`${name}-light`)
  await running.page.emulateMedia({ colorScheme: 'dark' })
  await running.screenshot(`${name}-dark`)
  await running.page.emulateMedia({ colorScheme: 'light' })
}

async function box(page: Page, testId: string) {
  const found = await page.getByTestId(testId).first().boundingBox()
  if (!found) throw new Error(`${testId} is not shown`)
  return found
}

/** First run (the local inbox selected, its welcome body), and a saved server to switch to. */
async function firstRunWithAServer(): Promise<RunningApp> {
  const { server: started, profile } = await tlsServer()
  server = started
  const running = await startApp()
  await running.page.getByTestId('body-input').waitFor()
  await expect.poll(() => running.page.getByTestId('body-input').inputValue()).toContain(WELCOME)
  // A server added as a user would: the form, then Save.
  await running.page.getByTestId('profile-new').click()
  await running.page.getByTestId('profile-name').fill(profile.name)
  await running.page.getByTestId('profile-host').fill(profile.host)
  await running.page.getByTestId('profile-port').fill(String(profile.port))
  await running.page.getByTestId('profile-save').click()
  await running.page.getByTestId('profile-editor').waitFor({ state: 'detached' })
  return running
}

describe('the default body', () => {
  it('is replaced when another server is chosen, and comes back with the local inbox', async () => {
    app = await firstRunWithAServer()
    const { page } = app
    const body = page.getByTestId('body-input')
    // Saving the new server selected it: the welcome text is gone.
    expect(await page.getByTestId('profile-select').inputValue()).not.toBe('local-inbox')
    expect(await body.inputValue()).not.toContain(WELCOME)
    expect(await body.inputValue()).toBe('A test message sent with Mailwire.\n')
    await page.getByTestId('profile-select').selectOption('local-inbox')
    expect(await body.inputValue()).toContain(WELCOME)
  })

  it('never replaces a body the user edited', async () => {
    app = await firstRunWithAServer()
    const { page } = app
    const body = page.getByTestId('body-input')
    await page.getByTestId('profile-select').selectOption('local-inbox')
    await body.fill(`${await body.inputValue()}Mine now.`)
    const mine = await body.inputValue()
    await page.getByTestId('profile-select').selectOption({ label: 'Relay with our CA' })
    expect(await body.inputValue()).toBe(mine)
  })
})

describe('the server form', () => {
  it('says once, in a sentence, that the server needs a name, and Send does not save it without', async () => {
    app = await startApp()
    const { page } = app
    await page.getByTestId('profile-new').click()
    await page.getByTestId('profile-host').fill('smtp.example.test')
    expect(await page.getByTestId('profile-save').isDisabled()).toBe(true)
    // Send saves an unsaved form first: not this one, and the form says what it lacks.
    await page.getByTestId('send-button').click()
    await page.getByTestId('send-problems').waitFor()
    expect(await page.getByText('Give the server a name.').count()).toBe(1)
    expect(await page.getByText(/name is required/i).count()).toBe(0)
    expect(app.invocations.filter((call) => call.channel === 'profiles:save')).toEqual([])
    expect(app.invocations.filter((call) => call.channel === 'session:start')).toEqual([])
    await page.getByTestId('profile-name').fill('Example')
    expect(await page.getByText('Give the server a name.').count()).toBe(0)
    expect(await page.getByTestId('profile-save').isEnabled()).toBe(true)
  })
})

describe('the console', () => {
  it('drops the TLS badge when the session ends, and keeps its server while connected', async () => {
    const { server: started, profile } = await tlsServer()
    server = started
    app = await startApp({ profiles: [profile], dnsServers: [dns.server] })
    const { page } = app
    await page.getByTestId('view-tab-console').click()
    await page.getByTestId('console-connect').click()
    await page.locator('[data-testid=console-state][data-state=ready]').waitFor()
    await page.getByTestId('console-starttls').click()
    await page.getByTestId('console-tls').waitFor()
    await page.locator('[data-testid=console-state][data-state=ready]').waitFor()

    // An exchanger opened in the console from the Probe view while connected: the console
    // stays with the server it is talking to, and says why.
    await page.getByTestId('view-tab-probe').click()
    await page.getByTestId('mx-domain').fill('mailwire.test')
    await page.getByTestId('mx-run').click()
    await page.getByTestId('mx-console').first().click()
    await page.getByTestId('console-view').waitFor()
    expect(await page.getByTestId('console-profile-summary').textContent()).toBe(`127.0.0.1:${started.port} · STARTTLS`)
    expect(await page.getByTestId('console-profile').isDisabled()).toBe(true)
    expect(await page.getByTestId('console-view').textContent()).toContain('QUIT and close it first')

    const input = page.getByTestId('console-input')
    await input.fill('QUIT')
    await input.press('Enter')
    await page.locator('[data-testid=console-state][data-state=closed]').waitFor()
    expect(await page.getByTestId('console-tls').count()).toBe(0)
    await bothThemes(app, 'console-closed-after-quit')
  })
})

describe('layouts', () => {
  it('keeps "New server" beside the picker at 1280 px', async () => {
    const { server: started, profile } = await tlsServer()
    server = started
    app = await startApp({ profiles: [profile] })
    const select = await box(app.page, 'profile-select')
    const add = await box(app.page, 'profile-new')
    expect(Math.abs(add.y + add.height / 2 - (select.y + select.height / 2))).toBeLessThan(4)
    await app.page.getByTestId('profile-select').selectOption('local-inbox')
    const inbox = await box(app.page, 'profile-new')
    expect(Math.abs(inbox.y + inbox.height / 2 - (select.y + select.height / 2))).toBeLessThan(4)
    await bothThemes(app, 'layout-1280-send')
  })

  it('lets the Send view log fill a 1920x1080 window, the result taking what it needs', async () => {
    app = await startApp({ viewport: { width: 1920, height: 1080 } })
    const { page } = app
    await page.getByTestId('send-button').click()
    await page.locator('[data-testid=result-status][data-status=sent]').waitFor()
    const log = await box(page, 'wire-log-scroller')
    const result = await box(page, 'result')
    // The result's content fits; nothing but the log below the log's last row.
    const spare = await page.getByTestId('result').evaluate((element) => element.clientHeight - element.scrollHeight)
    expect(spare).toBeLessThanOrEqual(1)
    expect(log.height).toBeGreaterThan((log.height + result.height) * 0.7)
    await bothThemes(app, 'layout-1920-send')
  })

  it('keeps the inbox bar and the probe log readable at 900x600', async () => {
    const { server: started } = await tlsServer()
    server = started
    app = await startApp({ viewport: { width: 900, height: 600 } })
    const { page } = app
    await page.getByTestId('send-button').click()
    await page.locator('[data-testid=result-status][data-status=sent]').waitFor()

    await page.getByTestId('view-tab-inbox').click()
    await page.getByTestId('inbox-address').waitFor()
    // One line for the count, and the address whole (not cut with an ellipsis).
    const count = await box(page, 'inbox-count')
    expect(count.height).toBeLessThan(20)
    expect(await page.getByTestId('inbox-address').evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true)
    await bothThemes(app, 'layout-900-inbox')

    await page.getByTestId('view-tab-probe').click()
    await page.getByTestId('probe-host').fill('127.0.0.1')
    await page.getByTestId('probe-port').fill(String(started.port))
    await page.getByTestId('probe-run').click()
    await page.getByTestId('probe-report').waitFor()
    // The text column holds most of the narrow log, not a sliver beside fixed columns.
    const text = await box(page, 'wire-text')
    const scroller = await box(page, 'wire-log-scroller')
    expect(text.width).toBeGreaterThan(scroller.width * 0.55)
    await bothThemes(app, 'layout-900-probe')
  })
})
