// The Probe view's mail security report: each record with its errors, the policy, and each
// exchanger's verdict with the reason, from the report main returns.
import { describe, expect, it } from 'vitest'
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { DomainSecurityReport } from '../../preload/contract'
import { DomainSecurity } from '../../renderer/src/features/probe/DomainSecurity'
import { ok } from './support/fake-api'
import { renderWithStore } from './support/render-app'

const lookup = (name: string) => ({ name, records: [] })
const report: DomainSecurityReport = {
  domain: 'badmx.test',
  dnsServers: ['127.0.0.1:5353'],
  mx: { records: [{ exchange: 'mx.badmx.test', priority: 10 }] },
  spf: { lookup: lookup('badmx.test'), record: 'v=spf1 mx -all', fields: { mx: 'mx', all: '-all' }, errors: [] },
  dmarc: { lookup: lookup('_dmarc.badmx.test'), record: 'v=DMARC1; p=maybe', fields: { p: 'maybe' }, errors: ['p=maybe is not none, quarantine or reject'] },
  mtaSts: {
    lookup: lookup('_mta-sts.badmx.test'),
    record: 'v=STSv1; id=1',
    fields: { id: '1' },
    errors: [],
    policy: { url: 'https://mta-sts.badmx.test/.well-known/mta-sts.txt', mode: 'enforce', mx: ['mail.elsewhere.test'], maxAge: 86400, errors: [] },
  },
  tlsRpt: { lookup: lookup('_smtp._tls.badmx.test'), fields: {}, errors: ['no TLS-RPT (v=TLSRPTv1) record'] },
  exchangers: [
    {
      exchange: 'mx.badmx.test',
      priority: 10,
      addresses: ['127.0.0.1'],
      tlsa: { name: '_25._tcp.mx.badmx.test', records: [] },
      starttls: { offered: true, protocol: 'TLSv1.3', pkixValid: true },
      mtaStsMxMatch: false,
      verdict: { deliver: false, reason: "MTA-STS enforce: mx.badmx.test matches none of the policy's mx patterns (mail.elsewhere.test)" },
    },
  ],
  dnssecNote: "Node's resolver does not validate DNSSEC.",
}

/** userEvent types key by key: on a loaded machine this takes longer than vitest's 5 s default. */
const TYPING_TEST_TIMEOUT_MS = 20_000

describe('probe view: mail security of a domain', () => {
  it('asks main for the report and shows the records, the policy and the verdict per exchanger', async () => {
    const user = userEvent.setup()
    const asked: string[] = []
    renderWithStore(<DomainSecurity />, {
      apiOptions: {
        probe: {
          domainSecurity: async (domain) => {
            asked.push(domain)
            return ok(report)
          },
        },
      },
    })
    await user.type(screen.getByTestId('security-domain'), ' badmx.test ')
    await user.click(screen.getByTestId('security-run'))
    const verdict = await screen.findByTestId('security-verdict')
    expect(asked).toEqual(['badmx.test'])
    expect(verdict.textContent).toBe("A conforming sender would refuse: MTA-STS enforce: mx.badmx.test matches none of the policy's mx patterns (mail.elsewhere.test)")
    expect(within(screen.getByTestId('security-record-dmarc')).getByText('p=maybe is not none, quarantine or reject')).toBeTruthy()
    expect(screen.getByTestId('security-policy').textContent).toContain('mode enforce, mx mail.elsewhere.test')
    expect(screen.getByTestId('security-mx').textContent).toContain('MTA-STS mx patterns: no match')
    expect(screen.getByTestId('security-report').textContent).toContain('does not validate DNSSEC')
  }, TYPING_TEST_TIMEOUT_MS)
})
