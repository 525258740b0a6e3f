// Issue 24, point 2: with a host and port typed in "New server" and not saved, Send went
// to the local test inbox and said SENT. Now Send says what it will do ("Save server and
// send"), saves the form, and sends through the server typed there.
import { afterEach, describe, expect, it } from 'vitest'
import { LOCAL_INBOX_PROFILE_ID } from '../../main/services/local-inbox/local-inbox-profile'
import { startSmtpServer, type TestSmtpServer } from '../services/support/smtp-server'
import { startApp, type RunningApp } from './support/harness'

let app: RunningApp | undefined
let server: TestSmtpServer | undefined
afterEach(async () => {
  await app?.close()
  await server?.stop()
  app = undefined
  server = undefined
})

describe('Send with the server form open', () => {
  it('saves what is typed and sends through it, not through the local inbox', async () => {
    server = await startSmtpServer()
    app = await startApp()
    const { page } = app
    await expect.poll(() => page.getByTestId('profile-select').inputValue()).toBe(LOCAL_INBOX_PROFILE_ID)
    await expect.poll(() => page.getByTestId('from-input').inputValue()).toBe('you@mailwire.test')

    await page.getByTestId('profile-new').click()
    await page.getByTestId('profile-name').fill('Test relay')
    await page.getByTestId('profile-host').fill('127.0.0.1')
    await page.getByTestId('profile-security').selectOption('none')
    await page.getByTestId('profile-port').fill(String(server.port))

    const send = page.getByTestId('send-button')
    expect(await send.textContent()).toBe('Save server and send')
    expect(await page.getByTestId('unsaved-server-notice').textContent()).toContain('not saved')
    await page.emulateMedia({ colorScheme: 'light' })
    await app.screenshot('unsaved-server-send-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await app.screenshot('unsaved-server-send-dark')
    await send.click()

    const banner = page.getByTestId('result-status')
    await banner.waitFor()
    expect(await banner.getAttribute('data-status')).toBe('sent')
    expect(server.messages).toHaveLength(1)
    expect(server.messages[0]).toContain('Subject: Hello from Mailwire')
    const saved = app.services.profiles.view().profiles.find((profile) => profile.name === 'Test relay')
    expect(saved?.port).toBe(server.port)
    expect(await page.getByTestId('profile-select').inputValue()).toBe(saved?.id)
    expect(await send.textContent()).toBe('Send')
    expect((await app.services.inbox.list()).length).toBe(0)
  })
})
