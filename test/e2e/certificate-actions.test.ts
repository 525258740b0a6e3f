// Issue 24, point 3: a server whose certificate comes from a private CA. The error on the
// result offers the fixes as actions: trust the CA the server presented (its fingerprint
// shown first), open the server's settings, or accept an invalid certificate for this
// server only. A real STARTTLS server, its certificate from the test CA, sent with the CA.
import { X509Certificate } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { ProfileInput } from '../../preload/contract'
import { startSmtpServer, type TestServer } from '../smtp/support/smtp-server'
import { testPki } from '../support/test-ca'
import { startApp, type RunningApp } from './support/harness'

let app: RunningApp | undefined
let server: TestServer | undefined
afterEach(async () => {
  await app?.close()
  await server?.close()
  app = undefined
  server = undefined
})

function privateServer(port: number): ProfileInput {
  return {
    name: 'Private CA relay',
    host: '127.0.0.1',
    port,
    security: 'starttls',
    username: '',
    clientName: '',
    allowInvalidCertificate: false,
    allowPlaintextAuth: false,
    caPem: '',
  }
}

async function send(page: Page, status: string) {
  await page.getByTestId('from-input').fill('newcomer@mailwire.test')
  if ((await page.getByTestId('chip').count()) === 0) await page.getByTestId('to-input').fill('someone@mailwire.test,')
  await page.getByTestId('subject-input').fill('Private CA')
  await page.getByTestId('send-button').click()
  const banner = page.getByTestId('result-status')
  await page.locator(`[data-testid=result-status][data-status=${status}]`).waitFor()
  return banner
}

describe('certificate actions on the error', () => {
  it('trusts the CA the server presented, after showing its fingerprint, and the next send verifies', async () => {
    const pki = await testPki()
    // The server sends its chain: its certificate and the CA that signed it.
    server = await startSmtpServer({ cert: `${pki.server.cert}\n${pki.ca.cert}` })
    app = await startApp({ profiles: [privateServer(server.port)] })
    const { page } = app
    await send(page, 'failed')
    expect(await page.getByTestId('result-error').textContent()).toContain('ETLS')

    await page.getByTestId('cert-trust').click()
    const fingerprint = new X509Certificate(pki.ca.cert).fingerprint256
    expect(await page.getByTestId('cert-ca-fingerprint').textContent()).toBe(fingerprint)
    expect(await page.getByTestId('cert-ca-subject').textContent()).toContain('Mailwire Test CA')
    await page.getByTestId('result').evaluate((element) => element.scrollTo(0, element.scrollHeight))
    await page.emulateMedia({ colorScheme: 'light' })
    await app.screenshot('certificate-trust-confirm-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await app.screenshot('certificate-trust-confirm-dark')

    await page.getByTestId('cert-trust-save').click()
    expect(await page.getByTestId('cert-action-done').textContent()).toContain('now trusts')
    const saved = app.services.profiles.get(app.profiles[0]!.id)
    expect(new X509Certificate(saved.caPem).fingerprint256).toBe(fingerprint)
    expect(saved.allowInvalidCertificate).toBe(false)

    await send(page, 'sent')
    expect(server.received).toHaveLength(1)
  })

  it('accepts an invalid certificate for this server only, after a warning, and offers the settings', async () => {
    const pki = await testPki()
    server = await startSmtpServer({ key: pki.selfSigned.key, cert: pki.selfSigned.cert })
    app = await startApp({ profiles: [privateServer(server.port), { ...privateServer(server.port), name: 'Another server' }] })
    const { page } = app
    await send(page, 'failed')
    await page.getByTestId('cert-accept-invalid').click()
    expect(await page.getByTestId('cert-invalid-confirm').textContent()).toContain('could read and change')
    await page.getByTestId('result').evaluate((element) => element.scrollTo(0, element.scrollHeight))
    await page.emulateMedia({ colorScheme: 'light' })
    await app.screenshot('certificate-accept-invalid-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await app.screenshot('certificate-accept-invalid-dark')
    await page.getByTestId('cert-invalid-save').click()
    await page.getByTestId('cert-action-done').waitFor()
    expect(app.services.profiles.get(app.profiles[0]!.id).allowInvalidCertificate).toBe(true)
    expect(app.services.profiles.get(app.profiles[1]!.id).allowInvalidCertificate).toBe(false)
    await send(page, 'sent')

    await page.getByTestId('cert-open-settings').waitFor({ state: 'detached' })
  })

  it('opens the server settings from the error when the server sent no CA', async () => {
    server = await startSmtpServer({ cert: (await testPki()).server.cert })
    app = await startApp({ profiles: [privateServer(server.port)] })
    const { page } = app
    await send(page, 'failed')
    // Only its own certificate was sent: there is no CA to trust in one step, and the error says so.
    expect(await page.getByTestId('cert-trust').count()).toBe(0)
    expect(await page.getByTestId('cert-no-ca').textContent()).toContain('did not send its CA')
    await page.getByTestId('cert-open-settings').click()
    await page.getByTestId('profile-editor').waitFor()
    expect(await page.getByTestId('profile-host').inputValue()).toBe('127.0.0.1')
  })
})
