// Issue 24, point 3 in the Probe view: a probe goes on past a certificate that does not
// verify, and its report offers the Send view's fixes (the same component): trust the CA
// the server presented (its fingerprint first), accept an invalid certificate for this
// server only, or open its settings. A server typed in without a profile works too: a fix
// saves it as a new profile (or changes the one saved at its address), chosen for the next
// probe. Real STARTTLS servers, test CA.
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

/** A saved server on 127.0.0.1 (STARTTLS unless told), with nothing else set. */
function savedServer(name: string, port: number, security: 'implicit' | 'starttls' = 'starttls'): ProfileInput {
  return { name, host: '127.0.0.1', port, security, username: '', clientName: '', allowInvalidCertificate: false, allowPlaintextAuth: false, caPem: '' }
}

async function probeTyped(page: Page, port: number) {
  await page.getByTestId('view-tab-probe').click()
  await page.getByTestId('probe-host').fill('127.0.0.1')
  await page.getByTestId('probe-port').fill(String(port))
  await page.getByTestId('probe-security').getByText('STARTTLS', { exact: true }).click()
  await probe(page)
}

async function probe(page: Page) {
  await page.getByTestId('probe-run').click()
  await page.getByTestId('probe-report').waitFor()
}

async function bothThemes(app: RunningApp, name: string) {
  await app.page.emulateMedia({ colorScheme: 'light' })
  await app.screenshot(`${name}-light`)
  await app.page.emulateMedia({ colorScheme: 'dark' })
  await app.screenshot(`${name}-dark`)
  await app.page.emulateMedia({ colorScheme: 'light' })
}

describe('certificate actions on a probe', () => {
  it('trusts the CA a typed server presented, saved as a new server, and the next probe verifies', async () => {
    const pki = await testPki()
    server = await startSmtpServer({ cert: `${pki.server.cert}\n${pki.ca.cert}` })
    app = await startApp()
    const { page } = app
    await probeTyped(page, server.port)
    expect(await page.getByTestId('probe-report').getAttribute('data-ok')).toBe('false')
    expect(await page.getByTestId('probe-headline').textContent()).toContain('NOT verified')

    await page.getByTestId('cert-trust').click()
    const fingerprint = new X509Certificate(pki.ca.cert).fingerprint256
    expect(await page.getByTestId('cert-ca-fingerprint').textContent()).toBe(fingerprint)
    expect(await page.getByTestId('cert-ca-subject').textContent()).toContain('Mailwire Test CA')
    await page.getByTestId('cert-trust-confirm').scrollIntoViewIfNeeded()
    await bothThemes(app, 'probe-certificate-trust-confirm')

    await page.getByTestId('cert-trust-save').click()
    expect(await page.getByTestId('cert-action-done').textContent()).toContain('Probe again')
    const saved = app.services.profiles.view().profiles.find((profile) => profile.name === `127.0.0.1:${server!.port}`)
    expect(saved).toBeDefined()
    const stored = app.services.profiles.get(saved!.id)
    expect(new X509Certificate(stored.caPem).fingerprint256).toBe(fingerprint)
    expect(stored.allowInvalidCertificate).toBe(false)
    expect(stored.security).toBe('starttls')
    // The new server is the probe's now: the next probe trusts the CA and verifies.
    expect(await page.getByTestId('probe-profile').inputValue()).toBe(saved!.id)
    await probe(page)
    expect(await page.getByTestId('probe-report').getAttribute('data-ok')).toBe('true')
    expect(await page.getByTestId('probe-verdict').textContent()).toBe('certificate verified')
  })

  it('gives the fix to the saved server a typed address matches, rather than saving it twice', async () => {
    const pki = await testPki()
    server = await startSmtpServer({ cert: `${pki.server.cert}\n${pki.ca.cert}` })
    // The same address with implicit TLS first: it is another server setting, not the one typed.
    app = await startApp({ profiles: [savedServer('Implicit TLS twin', server.port, 'implicit'), savedServer('Saved test server', server.port)] })
    const { page } = app
    const count = app.services.profiles.view().profiles.length
    await probeTyped(page, server.port)
    await page.getByTestId('cert-trust').click()
    expect(await page.getByTestId('cert-trust-confirm').textContent()).toContain('Saved test server')
    await page.getByTestId('cert-trust-save').click()
    expect(await page.getByTestId('cert-action-done').textContent()).toContain('Saved test server now trusts')
    expect(app.services.profiles.view().profiles).toHaveLength(count)
    const stored = app.services.profiles.get(app.profiles[1]!.id)
    expect(new X509Certificate(stored.caPem).fingerprint256).toBe(new X509Certificate(pki.ca.cert).fingerprint256)
    expect(app.services.profiles.get(app.profiles[0]!.id).caPem).toBe('')
    expect(await page.getByTestId('probe-profile').inputValue()).toBe(app.profiles[1]!.id)
    await probe(page)
    expect(await page.getByTestId('probe-report').getAttribute('data-ok')).toBe('true')
  })

  it('accepts an invalid certificate for the chosen server only, after a warning', async () => {
    const pki = await testPki()
    server = await startSmtpServer({ key: pki.selfSigned.key, cert: pki.selfSigned.cert })
    app = await startApp({ profiles: [savedServer('Self-signed test server', server.port), savedServer('Another server', server.port)] })
    const { page } = app
    await page.getByTestId('view-tab-probe').click()
    await page.getByTestId('probe-profile').selectOption({ label: 'Self-signed test server' })
    await probe(page)
    await page.getByTestId('cert-accept-invalid').click()
    expect(await page.getByTestId('cert-invalid-confirm').textContent()).toContain('could read and change')
    await page.getByTestId('cert-invalid-confirm').scrollIntoViewIfNeeded()
    await bothThemes(app, 'probe-certificate-accept-invalid')
    const count = app.services.profiles.view().profiles.length
    await page.getByTestId('cert-invalid-save').click()
    await page.getByTestId('cert-action-done').waitFor()
    expect(app.services.profiles.get(app.profiles[0]!.id).allowInvalidCertificate).toBe(true)
    expect(app.services.profiles.get(app.profiles[1]!.id).allowInvalidCertificate).toBe(false)
    // The chosen server changed, no new one made.
    expect(app.services.profiles.view().profiles).toHaveLength(count)
    await probe(page)
    expect(await page.getByTestId('probe-report').getAttribute('data-ok')).toBe('true')
    expect(await page.getByTestId('cert-actions').count()).toBe(0)
  })

  it('opens a typed server in a new server form, filled in', async () => {
    server = await startSmtpServer({ cert: (await testPki()).server.cert })
    app = await startApp()
    const { page } = app
    await probeTyped(page, server.port)
    // Only its own certificate was sent: nothing to trust in one step, and the report says so.
    expect(await page.getByTestId('cert-trust').count()).toBe(0)
    expect(await page.getByTestId('cert-no-ca').textContent()).toContain('did not send its CA')
    await page.getByTestId('cert-open-settings').click()
    await page.getByTestId('profile-editor').waitFor()
    expect(await page.getByTestId('profile-host').inputValue()).toBe('127.0.0.1')
    expect(await page.getByTestId('profile-port').inputValue()).toBe(String(server.port))
  })
})
