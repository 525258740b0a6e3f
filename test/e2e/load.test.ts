// The Send view's Load part end to end (issue 18): the built renderer in Chromium with the
// real preload, IPC handlers, load service and engine behind it, against an in-process
// smtp-server that refuses every 5th recipient and turns down every 7th message at the dot.
// The figures arrive live and end done; each kind of failure opens on its transcript;
// Cancel stops every connection of a long load. Screenshots in both themes.
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { ProfileInput } from '../../preload/contract'
import { startSmtpServer, type TestServer } from '../smtp/support/smtp-server'
import { startApp, type RunningApp } from './support/harness'

let app: RunningApp | undefined
let server: TestServer | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
  await server?.close()
  server = undefined
})

const profile = (port: number): ProfileInput => ({
  name: 'Loaded server',
  host: '127.0.0.1',
  port,
  security: 'none',
  username: '',
  clientName: 'load.mailwire.test',
  allowInvalidCertificate: false,
  allowPlaintextAuth: false,
  caPem: '',
})

async function refusingServer(): Promise<TestServer> {
  let rcpts = 0
  let messages = 0
  return startSmtpServer({
    hideSTARTTLS: true,
    onRcptTo(_address, _session, callback) {
      if (++rcpts % 5 === 0) return callback(Object.assign(new Error(`5.1.1 Mailbox ${rcpts} unavailable`), { responseCode: 550 }))
      callback()
    },
    onData(stream, _session, callback) {
      stream.resume()
      stream.on('end', () => {
        if (++messages % 7 === 0) return callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }))
        callback(null, `Ok: queued as L${messages}`)
      })
    },
  })
}

async function composeAndOpenLoad(page: Page) {
  await page.getByTestId('from-input').fill('Mailwire E2E <e2e@mailwire.test>')
  await page.getByTestId('to-input').fill('bob@mailwire.test,')
  await page.getByTestId('subject-input').fill('Load test')
  await page.getByTestId('body-input').fill('One of many.\n')
  await page.getByTestId('load-section-toggle').click()
}

describe('the Load part of the Send view', () => {
  it('sends N copies over C connections and shows rate, latency, codes and each kind of failure', async () => {
    server = await refusingServer()
    app = await startApp({ profiles: [profile(server.port)] })
    const { page } = app
    await composeAndOpenLoad(page)
    await page.getByTestId('load-messages').fill('70')
    await page.getByTestId('load-connections').fill('3')
    await page.getByTestId('load-start').click()

    await page.locator('[data-testid="load-figures"][data-state="done"]').waitFor()
    expect(await page.getByTestId('load-progress').textContent()).toBe('70 of 70 over 3 connections · done')
    expect(await page.getByTestId('load-figure-accepted').textContent()).toBe('48')
    expect(await page.getByTestId('load-figure-failed').textContent()).toBe('22')
    expect(await page.getByTestId('load-figure-not-sent').textContent()).toBe('0')
    expect(await page.getByTestId('load-figure-p95').textContent()).toMatch(/^[\d,]+ ms$/)
    expect(await page.getByTestId('load-figure-rate').textContent()).toMatch(/^[\d,.]+$/)
    expect(await page.getByTestId('load-codes').locator('li').allTextContents()).toEqual(['250 ×48', '451 ×8', '550 ×14'])
    const failures = page.getByTestId('load-failure')
    expect(await failures.count()).toBe(2)
    expect(await page.getByTestId('load-section-summary').textContent()).toMatch(/^last run: 48 of 70 accepted, [\d,.]+ msg\/s$/)

    // Each kind opens on the transcript of the first message that had it.
    for (let index = 0; index < 2; index++) await failures.nth(index).locator('summary').click()
    const transcripts = await failures.locator('pre').allTextContents()
    expect(transcripts.some((text) => /← 550 5\.1\.1 Mailbox \d+ unavailable/.test(text))).toBe(true)
    expect(transcripts.some((text) => text.includes('← 451 4.3.0 Try again later'))).toBe(true)
    await page.getByTestId('load-section').scrollIntoViewIfNeeded()
    await app.page.emulateMedia({ colorScheme: 'light' })
    await app.screenshot('load-done-light')
    await app.page.emulateMedia({ colorScheme: 'dark' })
    await app.screenshot('load-done-dark')
    expect(app.consoleErrors).toEqual([])
  })

  it('Cancel stops every connection of a long load, and the figures say so', async () => {
    // Counts the connections it holds, and says when the last one closed.
    let open = 0
    let opened = 0
    let allClosed!: () => void
    const closed = new Promise<void>((resolve) => (allClosed = resolve))
    server = await startSmtpServer({
      hideSTARTTLS: true,
      onConnect: (_session, callback) => {
        open++
        opened++
        callback()
      },
      onClose: () => {
        if (--open === 0) allClosed()
      },
    })
    app = await startApp({ profiles: [profile(server.port)] })
    const { page } = app
    await composeAndOpenLoad(page)
    await page.getByTestId('load-messages').fill('100000')
    await page.getByTestId('load-connections').fill('4')
    await page.getByTestId('load-start').click()
    // Running, with figures: the form is locked and Cancel is offered.
    await page.locator('[data-testid="load-figures"][data-state="running"]').waitFor()
    expect(await page.getByTestId('load-messages').isDisabled()).toBe(true)
    await app.screenshot('load-running-light')
    await page.getByTestId('load-cancel').click()

    await page.locator('[data-testid="load-figures"][data-state="cancelled"]').waitFor()
    expect(await page.getByTestId('load-progress').textContent()).toMatch(/ of 100,000 over 4 connections · cancelled$/)
    await app.services.load.idle()
    // Every connection it opened is closed: the server holds none.
    await closed
    expect(opened).toBe(4)
    expect(open).toBe(0)
    expect(await page.getByTestId('load-start').isEnabled()).toBe(true)
  })
})
