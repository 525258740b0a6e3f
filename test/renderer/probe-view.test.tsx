// The Probe view with a fake API: a report shown side by side (the rows as main computed
// them), the certificate chain with days left, the port matrix, and an MX exchanger taken
// to Send as a new server profile.
import { describe, expect, it } from 'vitest'
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ProbeReport } from '../../preload/contract'
import { App } from '../../renderer/src/App'
import { connectBridge } from '../../renderer/src/bridge'
import { createFakeApi, ok, testProfile } from './support/fake-api'
import { renderWithStore } from './support/render-app'

const caps = (raw: string[], startTls: boolean) => ({
  raw,
  helo: false,
  pipelining: true,
  eightBitMime: false,
  smtpUtf8: false,
  enhancedStatusCodes: false,
  startTls,
  auth: [],
  dsn: false,
  chunking: false,
})

const report: ProbeReport = {
  probeId: 'pr1',
  result: {
    host: 'mx.example.test',
    port: 25,
    greeting: { code: 220, lines: ['mx.example.test ESMTP'] },
    clientName: 'me.example.test',
    capabilitiesBeforeTls: caps(['PIPELINING', 'STARTTLS'], true),
    capabilities: caps(['PIPELINING', 'AUTH PLAIN'], false),
    tls: {
      protocol: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      authorized: false,
      authorizationError: 'CERT_HAS_EXPIRED',
      verificationSkipped: false,
      mode: 'starttls',
      certificates: [
        {
          subject: 'CN=mx.example.test',
          issuer: 'CN=Example CA',
          altNames: ['DNS:mx.example.test'],
          validFrom: '2024-01-01T00:00:00.000Z',
          validTo: '2024-04-01T00:00:00.000Z',
          fingerprint256: 'AA:BB',
          serialNumber: '01',
        },
      ],
    },
    error: { code: 'ETLS', message: 'certificate of mx.example.test not trusted: the certificate has expired' },
    timings: [],
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 42,
  },
  capabilityChanges: [
    { keyword: 'PIPELINING', before: 'PIPELINING', after: 'PIPELINING', change: 'same' },
    { keyword: 'STARTTLS', before: 'STARTTLS', change: 'disappeared' },
    { keyword: 'AUTH', after: 'AUTH PLAIN', change: 'appeared' },
  ],
  certificateDaysLeft: [-3],
}

/** The built-in profile as main lists it: port 0 until the inbox runs. */
const localInbox = testProfile({ id: 'local-inbox', name: 'Local test inbox', port: 0, kind: 'local-inbox' })

async function renderProbe() {
  const runs: unknown[] = []
  const matrices: unknown[] = []
  const api = createFakeApi({
    profiles: [testProfile(), localInbox],
    probe: {
      run: async (request) => {
        runs.push(request)
        return ok(report)
      },
      matrix: async (request) => {
        matrices.push(request)
        return ok({
          host: request.host,
          cells: [
            { port: 25, security: 'none', outcome: 'ok', detail: '220 hi', startTlsOffered: true, durationMs: 3 },
            { port: 25, security: 'implicit', outcome: 'timeout', detail: 'no greeting', durationMs: 5000 },
            { port: 465, security: 'none', outcome: 'refused', detail: 'connection refused', durationMs: 1 },
            { port: 465, security: 'implicit', outcome: 'ok', detail: '220 hi', tlsProtocol: 'TLSv1.3', durationMs: 9 },
          ],
        })
      },
      lookupMx: async (domain) => ok({ domain, asciiDomain: domain, records: [{ exchange: 'mx.example.test', priority: 10 }] }),
    },
  })
  const rendered = renderWithStore(<App />, { api })
  act(() => void connectBridge(rendered.store, api))
  await waitFor(() => expect(rendered.store.getState().profiles.loaded).toBe(true))
  act(() => rendered.store.getState().showView('probe'))
  return { ...rendered, api, runs, matrices, user: userEvent.setup() }
}

describe('the probe view', () => {
  it('shows the capabilities before and after STARTTLS side by side, and the expired certificate', async () => {
    const { user, runs } = await renderProbe()
    await user.selectOptions(screen.getByTestId('probe-profile'), 'p1')
    expect((screen.getByTestId('probe-host') as HTMLInputElement).value).toBe('127.0.0.1')
    await user.click(screen.getByTestId('probe-run'))
    await screen.findByTestId('probe-report')
    expect(runs).toEqual([{ profileId: 'p1', host: '127.0.0.1', port: 2525, security: 'starttls' }])
    expect(screen.getByTestId('probe-headline').textContent).toMatch(/did not finish: certificate of mx\.example\.test not trusted/)
    const rows = screen.getAllByTestId('capability-row').map((row) => [
      row.getAttribute('data-change'),
      within(row).getByTestId('capability-before').textContent,
      within(row).getByTestId('capability-after').textContent,
    ])
    expect(rows).toEqual([
      ['same', 'PIPELINING', 'PIPELINING'],
      ['disappeared', 'STARTTLS', '—'],
      ['appeared', '—', 'AUTH PLAIN'],
    ])
    expect(screen.getByTestId('probe-verdict').textContent).toBe('not verified: CERT_HAS_EXPIRED')
    expect(screen.getByTestId('probe-days-left').textContent).toBe('expired 3 days ago')
    // Said once in the status region a screen reader follows.
    expect(screen.getByTestId('probe-announcer').getAttribute('role')).toBe('status')
    expect(screen.getByTestId('probe-announcer').textContent).toMatch(/^Probe did not finish: certificate of mx\.example\.test not trusted/)
  })

  it('probes the local test inbox where it runs (its port is chosen when it starts)', async () => {
    const { user, runs } = await renderProbe()
    await user.selectOptions(screen.getByTestId('probe-profile'), 'local-inbox')
    // The fake inbox runs on 127.0.0.1:40025 (inbox.status()).
    await waitFor(() => expect((screen.getByTestId('probe-port') as HTMLInputElement).value).toBe('40025'))
    expect((screen.getByTestId('probe-host') as HTMLInputElement).value).toBe('127.0.0.1')
    expect(screen.getByTestId('probe-profile-hint').textContent).toMatch(/built-in inbox/)
    await user.click(screen.getByTestId('probe-run'))
    await screen.findByTestId('probe-report')
    expect(runs).toEqual([{ profileId: 'local-inbox', host: '127.0.0.1', port: 40025, security: 'starttls' }])
  })

  it('runs the port matrix over the ports given, one cell per port and mode', async () => {
    const { user, matrices } = await renderProbe()
    await user.type(screen.getByTestId('probe-host'), 'mx.example.test')
    await user.clear(screen.getByTestId('probe-matrix-ports'))
    await user.type(screen.getByTestId('probe-matrix-ports'), '25 465')
    await user.click(screen.getByTestId('probe-matrix-run'))
    await screen.findByTestId('port-matrix')
    expect(matrices).toEqual([{ host: 'mx.example.test', ports: [25, 465] }])
    expect(screen.getAllByTestId('matrix-cell').map((cell) => `${cell.getAttribute('data-port')} ${cell.getAttribute('data-security')} ${cell.textContent}`)).toEqual([
      '25 none ok · STARTTLS offered220 hi',
      '25 implicit timeoutno greeting',
      '465 none refusedconnection refused',
      '465 implicit TLSv1.3220 hi',
    ])
  })

  it('takes an MX exchanger to Send as a new server profile on port 25', async () => {
    const { user, api, store } = await renderProbe()
    await user.type(screen.getByTestId('mx-domain'), 'example.test{Enter}')
    await screen.findByTestId('mx-table')
    expect(screen.getByTestId('probe-announcer').textContent).toBe('1 MX record found.')
    await user.click(screen.getByTestId('mx-send'))
    await waitFor(() => expect(store.getState().view).toBe('send'))
    expect(api.calls.profilesSaved).toEqual([
      {
        name: 'mx.example.test (MX of example.test)',
        host: 'mx.example.test',
        port: 25,
        security: 'auto',
        username: '',
        clientName: '',
        allowInvalidCertificate: false,
        allowPlaintextAuth: false,
        caPem: '',
      },
    ])
    expect(store.getState().profiles.selectedId).toBe('p-new')
  })

  it('asks for each TLS version when ticked; a probe past an unverified certificate says so and shows the versions', async () => {
    const { user, runs, api } = await renderProbe()
    const unverified: ProbeReport = {
      ...report,
      result: {
        ...report.result,
        error: undefined,
        tlsVersions: [
          { version: '1.2', accepted: true, detail: 'TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256' },
          { version: '1.3', accepted: false, detail: 'the TLS handshake failed' },
        ],
      },
    }
    api.probe.run = async (request) => {
      runs.push(request)
      return ok(unverified)
    }
    await user.type(screen.getByTestId('probe-host'), 'mx.example.test')
    await user.click(screen.getByTestId('probe-tls-versions'))
    await user.click(screen.getByTestId('probe-run'))
    await screen.findByTestId('probe-report')
    expect(runs).toEqual([{ host: 'mx.example.test', port: 25, security: 'auto', tlsVersions: true }])
    expect(screen.getByTestId('probe-headline').textContent).toMatch(/^not verified.*certificate is NOT verified \(CERT_HAS_EXPIRED\): a send would stop/)
    expect(screen.getByTestId('probe-report').getAttribute('data-ok')).toBe('false')
    expect(screen.getAllByTestId('tls-version-row').map((row) => row.textContent)).toEqual([
      'TLS 1.2acceptedTLSv1.2 ECDHE-RSA-AES128-GCM-SHA256',
      'TLS 1.3refusedthe TLS handshake failed',
    ])
    expect(screen.getByTestId('probe-announcer').textContent).toBe('Probe finished; the certificate is NOT verified.')
  })
})
