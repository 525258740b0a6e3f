// The probe view end to end against the run's Postfix: capabilities before and after
// STARTTLS side by side, the certificate chain from the test CA, a port matrix over the
// Postfix ports and a closed one, and an MX lookup answered by a DNS responder of our own
// on 127.0.0.1 (never a real resolver) that opens the chosen exchanger in the console.
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { postfixProfile, startApp, type RunningApp } from './support/harness'
import { readLog } from './support/read-log'
import { describeWithPostfix } from '../support/postfix-suite'
import { startDnsResponder, type DnsResponder } from '../probe/support/dns-responder'

let app: RunningApp | undefined
let dns: DnsResponder
beforeAll(async () => {
  dns = await startDnsResponder({
    'mailwire.test': [
      { priority: 20, exchange: 'backup.mailwire.test' },
      { priority: 10, exchange: 'mx.mailwire.test' },
    ],
  })
})
afterAll(async () => {
  await dns.close()
})
afterEach(async () => {
  await app?.close()
  app = undefined
})

async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describeWithPostfix('the probe view', (postfix) => {
  it('shows both capability sets side by side, the certificate chain, and the session in the log', async () => {
    app = await startApp({ profiles: [postfixProfile(postfix)], dnsServers: [dns.server] })
    const { page } = app
    await page.getByTestId('view-tab-probe').click()
    await page.getByTestId('probe-profile').selectOption({ label: 'Local Postfix' })
    expect(await page.getByTestId('probe-host').inputValue()).toBe(postfix.host)
    expect(await page.getByTestId('probe-port').inputValue()).toBe(String(postfix.port))
    await page.getByTestId('probe-run').click()
    const report = page.getByTestId('probe-report')
    await report.waitFor()
    expect(await report.getAttribute('data-ok')).toBe('true')
    expect(await page.getByTestId('probe-greeting').textContent()).toMatch(/^220 /)

    const rows = await page.getByTestId('capability-row').evaluateAll((elements) =>
      elements.map((element) => ({
        keyword: element.getAttribute('data-keyword'),
        change: element.getAttribute('data-change'),
        before: element.querySelector('[data-testid=capability-before]')?.textContent,
        after: element.querySelector('[data-testid=capability-after]')?.textContent,
      })),
    )
    // Both sets: what Postfix offers in plaintext, and again inside TLS.
    expect(rows).toContainEqual({ keyword: 'STARTTLS', change: 'disappeared', before: 'STARTTLS', after: '—' })
    expect(rows).toContainEqual({ keyword: 'PIPELINING', change: 'same', before: 'PIPELINING', after: 'PIPELINING' })
    expect(rows.filter((row) => row.before !== '—').length).toBeGreaterThan(3)
    expect(rows.filter((row) => row.after !== '—').length).toBeGreaterThan(3)

    expect(await page.getByTestId('probe-verdict').textContent()).toBe('certificate verified')
    const certificates = page.getByTestId('probe-certificate')
    expect(await certificates.count()).toBeGreaterThanOrEqual(1)
    expect(await page.getByTestId('probe-days-left').first().textContent()).toMatch(/^\d+ days? left$/)
    expect(await page.getByTestId('probe-san').first().textContent()).toContain('127.0.0.1')

    const log = await readLog(page)
    expect(log.filter((row) => row.kind === 'client').map((row) => row.text.split(' ')[0])).toEqual(['EHLO', 'STARTTLS', 'EHLO', 'QUIT'])

    // The port matrix over the Postfix ports and a closed one.
    const closed = await closedPort()
    await page.getByTestId('probe-matrix-ports').fill(`${postfix.port}, ${postfix.implicitTlsPort}, ${closed}`)
    await page.getByTestId('probe-matrix-run').click()
    await page.getByTestId('port-matrix').waitFor()
    const cells = await page.getByTestId('matrix-cell').evaluateAll((elements) =>
      elements.map((element) => `${element.getAttribute('data-port')} ${element.getAttribute('data-security')} ${element.getAttribute('data-outcome')}`),
    )
    expect(cells).toEqual(
      expect.arrayContaining([
        `${postfix.port} none ok`,
        `${postfix.port} starttls ok`,
        `${postfix.implicitTlsPort} implicit ok`,
        `${closed} none refused`,
        `${closed} starttls refused`,
        `${closed} implicit refused`,
      ]),
    )

    // MX: looked up at our responder, by preference, shown in the log.
    await page.getByTestId('mx-domain').fill('mailwire.test')
    await page.getByTestId('mx-run').click()
    await page.getByTestId('mx-table').waitFor()
    expect(await page.getByTestId('mx-record').evaluateAll((rows) => rows.map((row) => row.querySelectorAll('td')[1]?.textContent))).toEqual([
      'mx.mailwire.test',
      'backup.mailwire.test',
    ])
    expect(dns.queries).toContain('mailwire.test MX')
    // Light and dark: the top (form, result, capabilities), then the certificates and ports.
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.getByTestId('probe-form').scrollIntoViewIfNeeded()
      await app.screenshot(`probe-${scheme}`)
      await page.getByTestId('port-matrix').scrollIntoViewIfNeeded()
      await app.screenshot(`probe-tls-ports-${scheme}`)
    }
    await page.emulateMedia({ colorScheme: 'light' })
    const mxLog = await readLog(page)
    expect(mxLog.map((row) => row.text)).toEqual(expect.arrayContaining(['MX 10 mx.mailwire.test', 'MX 20 backup.mailwire.test']))

    // The chosen exchanger becomes a server profile, ready in the console.
    await page.getByTestId('mx-console').first().click()
    await page.getByTestId('console-view').waitFor()
    expect(await page.getByTestId('console-profile-summary').textContent()).toBe('mx.mailwire.test:25 · Automatic')
    expect(app.consoleErrors).toEqual([])
  })
})
