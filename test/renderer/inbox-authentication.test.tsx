// The inbox message view's Authentication tab: each verdict with its reason, failed DNS
// lookups named, and the DNS servers the check asks set from the same place.
import { describe, expect, it } from 'vitest'
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { AuthenticationReport, AuthenticationSettings, StoredMessage } from '../../preload/contract'
import { MessagePanel } from '../../renderer/src/features/inbox/MessageView'
import { ok } from './support/fake-api'
import { renderWithStore } from './support/render-app'

const message: StoredMessage = {
  id: 'msg-1',
  sessionId: 'ses-1',
  receivedAt: '2026-12-03T12:00:00.000Z',
  size: 300,
  envelope: { mailFrom: 'ann@broken.test', rcptTo: ['inbox@mailwire.test'], bodyType: '7bit', smtpUtf8: false },
  to: [],
  secure: true,
  parsed: { from: [], to: [], cc: [], bcc: [], replyTo: [], text: 'hi', textTruncated: false, htmlTruncated: false, attachments: [], headers: [], headersTruncated: false },
}

const report = (dnsServers: string[]): AuthenticationReport => ({
  checkedAt: '2026-12-03T12:00:01.000Z',
  dnsServers,
  clientAddress: '127.0.0.1',
  heloName: 'client.test',
  mailFrom: 'ann@broken.test',
  verdicts: [
    { method: 'dkim', result: 'fail', reason: 'signature error', properties: 'header.i=@broken.test header.s=mw' },
    { method: 'spf', result: 'temperror', reason: 'DNS lookup failed', properties: 'smtp.mailfrom=ann@broken.test' },
  ],
  lookupFailures: ['TXT broken.test: ESERVFAIL (asked 127.0.0.1:5353)'],
  header: 'Authentication-Results: mailwire.inbox; dkim=fail',
})

/** userEvent types key by key: on a loaded machine this takes longer than vitest's 5 s default. */
const TYPING_TEST_TIMEOUT_MS = 20_000

describe('inbox message view: authentication', () => {
  it('shows each verdict with its reason and the failed lookups; sets the DNS servers and checks again', async () => {
    const user = userEvent.setup()
    const asked: string[] = []
    const settingsSet: AuthenticationSettings[] = []
    let servers: string[] = []
    const { store } = renderWithStore(<MessagePanel />, {
      apiOptions: {
        inbox: {
          authenticate: async (id) => {
            asked.push(id)
            return ok(report(servers))
          },
          setAuthSettings: async (settings) => {
            settingsSet.push(settings)
            if (settings.dnsServers.includes('dns.example')) return { ok: false, error: { code: 'EINVALID', message: 'dnsServers[0]: a DNS server is an IP address' } }
            servers = settings.dnsServers
            return ok(settings)
          },
        },
      },
    })
    act(() => store.setState((state) => ({ inbox: { ...state.inbox, open: { id: message.id, message } } })))
    await user.click(screen.getByTestId('message-tab-authentication'))
    const dkim = await screen.findByTestId('auth-verdict-dkim')
    expect(within(dkim).getByText('fail')).toBeTruthy()
    expect(within(dkim).getByText('signature error')).toBeTruthy()
    expect(screen.getByTestId('auth-verdict-spf').textContent).toContain('temperror')
    expect(screen.getByTestId('auth-lookup-failures').textContent).toContain('TXT broken.test: ESERVFAIL')
    expect(asked).toEqual(['msg-1'])

    const field = screen.getByTestId('inbox-dns-servers')
    await user.type(field, 'dns.example')
    await user.click(screen.getByTestId('inbox-dns-apply'))
    expect(await screen.findByText(/a DNS server is an IP address/)).toBeTruthy()
    await user.clear(field)
    await user.type(field, '127.0.0.1:5353')
    await user.click(screen.getByTestId('inbox-dns-apply'))
    await waitFor(() => expect(asked).toEqual(['msg-1', 'msg-1']))
    expect(settingsSet.at(-1)).toEqual({ dnsServers: ['127.0.0.1:5353'] })
    await waitFor(() => expect(screen.getByTestId('inbox-authentication').textContent).toContain('DNS 127.0.0.1:5353'))
  }, TYPING_TEST_TIMEOUT_MS)
})
