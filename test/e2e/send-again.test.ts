// Send again from History, end to end, against real servers (two in-process smtp-server
// instances, STARTTLS with the test CA): the entry runs once more with the same envelope
// and message, and its comparison with the original opens in one step; then against
// another profile, whose session differs (no TLS) and whose server gets the same message.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { simpleParser } from 'mailparser'
import type { ProfileInput } from '../../preload/contract'
import { startSmtpServer, type TestServer } from '../smtp/support/smtp-server'
import { testPki } from '../support/test-ca'
import { startApp, type RunningApp } from './support/harness'

let app: RunningApp | undefined
let first: TestServer
let second: TestServer
let caPem = ''

beforeAll(async () => {
  caPem = (await testPki()).ca.cert
  first = await startSmtpServer({ queueId: 'FIRST1' })
  second = await startSmtpServer({ queueId: 'SECOND1' })
})
afterAll(async () => {
  await first.close()
  await second.close()
})
afterEach(async () => {
  await app?.close()
  app = undefined
})

const profile = (name: string, server: TestServer, security: ProfileInput['security']): ProfileInput => ({
  name,
  host: server.host,
  port: server.port,
  security,
  username: '',
  clientName: 'again.mailwire.test',
  allowInvalidCertificate: false,
  allowPlaintextAuth: false,
  caPem,
})

const stepMarks = (current: RunningApp) =>
  current.page.getByTestId('comparison-step').evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-mark')} ${(row.querySelector('th')?.textContent ?? '').split(' · ')[0]}`))

describe('Send again', () => {
  it('re-runs an entry exactly and compares; then through another server', async () => {
    app = await startApp({ profiles: [profile('Relay STARTTLS', first, 'starttls'), profile('Relay plain', second, 'none')] })
    const { page } = app
    await page.getByTestId('from-input').fill('Alice <alice@sender.test>')
    await page.getByTestId('to-input').fill('bob@rcpt.test,')
    await page.getByTestId('subject-input').fill('Once, then again')
    await page.getByTestId('body-input').fill('The same body each time.\n')
    // A Bcc: in the envelope only, so "the same envelope" is more than the headers.
    await page.getByTestId('show-bcc').click()
    await page.getByTestId('bcc-input').fill('hidden@rcpt.test,')
    await page.getByTestId('send-button').click()
    await page.getByTestId('result-status').filter({ hasText: 'sent' }).waitFor()
    // The form changes afterwards: Send again must not take it.
    await page.getByTestId('subject-input').fill('Something else typed since')

    await page.getByTestId('view-tab-history').click()
    await page.getByTestId('history-row').first().click()
    const original = await page.getByTestId('history-entry').getAttribute('data-id')
    expect(await page.getByTestId('send-again-profile').locator('option:checked').textContent()).toBe('Relay STARTTLS (as before)')
    await page.getByTestId('send-again-button').click()

    const comparison = page.getByTestId('session-comparison')
    await comparison.waitFor()
    expect(await comparison.getAttribute('data-same')).toBe('true')
    expect((await stepMarks(app)).every((mark) => mark.startsWith('same '))).toBe(true)
    expect(await page.getByTestId('history-row').count()).toBe(2)
    expect(first.received).toHaveLength(2)
    const [once, again] = first.received
    expect(again!.from).toBe(once!.from)
    expect(again!.to).toEqual(['bob@rcpt.test', 'hidden@rcpt.test'])
    expect(again!.to).toEqual(once!.to)
    const [sentOnce, sentAgain] = await Promise.all([simpleParser(once!.raw), simpleParser(again!.raw)])
    expect(sentAgain.subject).toBe('Once, then again')
    expect(sentAgain.text).toBe(sentOnce.text)
    expect(sentAgain.headers.get('bcc')).toBeUndefined()
    await app.screenshot('send-again-compared')

    // The original again, through the other server: its session differs, its message does not.
    await page.getByTestId('close-comparison').click()
    await page.locator(`[data-testid="history-row"]`).nth(1).click()
    await page.locator(`[data-testid="history-entry"][data-id="${original}"]`).waitFor()
    await page.getByTestId('send-again-profile').selectOption({ label: 'Relay plain' })
    await page.getByTestId('send-again-button').click()
    await page.getByTestId('session-comparison').filter({ hasText: 'Relay plain' }).waitFor()
    expect(await comparison.getAttribute('data-same')).toBe('false')
    expect(await stepMarks(app)).toEqual(expect.arrayContaining(['only-a STARTTLS', 'only-a TLS handshake']))
    expect(second.received).toHaveLength(1)
    expect(second.received[0]!.to).toEqual(['bob@rcpt.test', 'hidden@rcpt.test'])
    expect((await simpleParser(second.received[0]!.raw)).subject).toBe('Once, then again')
  })
})
