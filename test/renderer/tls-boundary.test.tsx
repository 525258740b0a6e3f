import { describe, expect, it } from 'vitest'
import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { TlsInfo } from '../../preload/contract'
import { WireLog } from '../../renderer/src/features/wire-log/WireLog'
import { renderWithStore } from './support/render-app'
import { serverLine, wireEvent } from './support/wire-events'

const DAY = 24 * 60 * 60 * 1000

const tls = (patch: Partial<TlsInfo> = {}): TlsInfo => ({
  protocol: 'TLSv1.3',
  cipher: 'TLS_AES_256_GCM_SHA384',
  certificates: [
    {
      subject: 'CN=mail.example.test',
      issuer: 'CN=Example Test CA, O=Example',
      altNames: ['DNS:mail.example.test', 'IP Address:127.0.0.1'],
      validFrom: new Date(Date.now() - 10 * DAY).toUTCString(),
      validTo: new Date(Date.now() + 30.5 * DAY).toUTCString(),
      fingerprint256: 'AA:BB:CC',
      serialNumber: '0F',
    },
    {
      subject: 'CN=Example Test CA, O=Example',
      issuer: 'CN=Example Test CA, O=Example',
      altNames: [],
      validFrom: new Date(Date.now() - 100 * DAY).toUTCString(),
      validTo: new Date(Date.now() + 900 * DAY).toUTCString(),
      fingerprint256: 'DD:EE:FF',
      serialNumber: '01',
    },
  ],
  authorized: true,
  verificationSkipped: false,
  mode: 'starttls',
  ...patch,
})

function renderSession(info: TlsInfo) {
  const rendered = renderWithStore(<WireLog />)
  act(() =>
    rendered.store.getState().appendWireBatch({
      sessionId: 's1',
      events: [
        wireEvent('client', 'STARTTLS', { seq: 0, phase: 'starttls' }),
        serverLine('220 2.0.0 Ready to start TLS', { seq: 1, phase: 'starttls', rtt: 0.8 }),
        wireEvent('tls', 'TLS handshake complete', { seq: 2, phase: 'starttls', tls: info }),
        wireEvent('client', 'EHLO client.test', { seq: 3, phase: 'ehlo', secure: true }),
      ],
    }),
  )
  return rendered
}

describe('TLS boundary row', () => {
  it('shows a lock and the certificate summary where TLS begins', () => {
    renderSession(tls())
    const boundary = screen.getByTestId('tls-boundary')
    expect(boundary.querySelector('[data-testid=tls-lock]')).not.toBeNull()
    expect(boundary.textContent).toContain('TLS started (STARTTLS)')
    expect(boundary.textContent).toContain('TLSv1.3')
    expect(boundary.textContent).toContain('TLS_AES_256_GCM_SHA384')
    expect(boundary.textContent).toContain('mail.example.test by Example Test CA')
    expect(within(boundary).getByTestId('tls-verdict').textContent).toBe('✓ certificate verified')
    expect(screen.queryByTestId('tls-details')).toBeNull()
  })

  it('opens the details (names, validity, days left, fingerprint, chain) by click and by Enter', async () => {
    const user = userEvent.setup()
    renderSession(tls())
    const toggle = screen.getByTestId('tls-details-toggle')
    await user.click(toggle)
    const details = screen.getByTestId('tls-details')
    expect(details.textContent).toContain('DNS:mail.example.test, IP Address:127.0.0.1')
    expect(details.textContent).toContain('30 days left')
    expect(details.textContent).toContain('AA:BB:CC')
    expect(details.textContent).toContain('Chain #1')
    expect(details.textContent).toContain('DD:EE:FF')
    expect(screen.getByTestId('tls-details-toggle').getAttribute('aria-expanded')).toBe('true')

    screen.getByTestId('tls-details-toggle').focus()
    await user.keyboard('{Enter}')
    expect(screen.queryByTestId('tls-details')).toBeNull()
  })

  it('says plainly when the certificate was not verified', () => {
    renderSession(tls({ authorized: false, authorizationError: 'CERT_HAS_EXPIRED', verificationSkipped: true }))
    expect(screen.getByTestId('tls-verdict').textContent).toBe('⚠ not verified (CERT_HAS_EXPIRED), accepted by your choice')
  })

  it('shows the round-trip time beside a reply and time since start on every line', () => {
    renderSession(tls())
    const reply = screen.getAllByTestId('wire-row').find((row) => row.dataset['seq'] === '1')!
    expect(reply.querySelector('[data-testid=wire-rtt]')!.textContent).toBe('0.8 ms')
    expect(reply.querySelector('[data-testid=wire-time]')!.textContent).toBe('1.5ms')
    const phases = screen.getAllByTestId('phase-label').map((label) => label.textContent)
    expect(phases).toEqual(['STARTTLS', 'EHLO'])
  })
})
