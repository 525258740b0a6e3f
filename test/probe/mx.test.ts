// MX lookups against a DNS responder of our own on 127.0.0.1 (never a real resolver):
// order by preference, the implicit MX, the null MX, a domain that does not exist, and
// each step as an info event in the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lookupMx } from '../../main/smtp/index'
import type { WireEvent } from '../../main/smtp/types'
import { startDnsResponder, type DnsResponder } from './support/dns-responder'

let dns: DnsResponder
beforeAll(async () => {
  dns = await startDnsResponder({
    'mailwire.test': [
      { priority: 20, exchange: 'backup.mailwire.test' },
      { priority: 10, exchange: 'mx2.mailwire.test' },
      { priority: 10, exchange: 'mx1.mailwire.test' },
    ],
    'xn--bcher-kva.test': [{ priority: 5, exchange: 'mx.xn--bcher-kva.test' }],
    'nomx.test': [],
    'nullmx.test': [{ priority: 0, exchange: '.' }],
  })
})
afterAll(async () => {
  await dns.close()
})

describe('lookupMx', () => {
  it('sorts by preference, ties by name, and shows each exchanger as an info event', async () => {
    const events: WireEvent[] = []
    const found = await lookupMx('mailwire.test', { servers: [dns.server], onWire: (event) => events.push(event) })
    expect(found).toEqual({
      domain: 'mailwire.test',
      asciiDomain: 'mailwire.test',
      records: [
        { priority: 10, exchange: 'mx1.mailwire.test' },
        { priority: 10, exchange: 'mx2.mailwire.test' },
        { priority: 20, exchange: 'backup.mailwire.test' },
      ],
    })
    expect(events.every((event) => event.kind === 'info')).toBe(true)
    expect(events.map((event) => event.text)).toEqual([
      `looking up the MX records of mailwire.test (DNS server ${dns.server})`,
      'MX 10 mx1.mailwire.test',
      'MX 10 mx2.mailwire.test',
      'MX 20 backup.mailwire.test',
      '3 mail exchangers; the first is tried first',
    ])
    expect(events.map((event) => event.seq)).toEqual([0, 1, 2, 3, 4])
    expect(dns.queries).toContain('mailwire.test MX')
  })

  it('looks up an internationalised domain by its A-label', async () => {
    const found = await lookupMx('bücher.test.', { servers: [dns.server] })
    expect(found.asciiDomain).toBe('xn--bcher-kva.test')
    expect(found.records).toEqual([{ priority: 5, exchange: 'mx.xn--bcher-kva.test' }])
  })

  it('falls back to the domain itself when it has no MX records (implicit MX)', async () => {
    const events: WireEvent[] = []
    const found = await lookupMx('nomx.test', { servers: [dns.server], onWire: (event) => events.push(event) })
    expect(found).toMatchObject({ implicit: true, records: [{ exchange: 'nomx.test', priority: 0 }] })
    expect(events.at(-1)!.text).toMatch(/implicit MX, RFC 5321 section 5\.1/)
  })

  it('says a domain with a null MX accepts no mail', async () => {
    const found = await lookupMx('nullmx.test', { servers: [dns.server] })
    expect(found).toMatchObject({ nullMx: true, records: [] })
  })

  it('reports a domain that does not exist, as a result and an error event', async () => {
    const events: WireEvent[] = []
    const found = await lookupMx('nowhere.test', { servers: [dns.server], onWire: (event) => events.push(event) })
    expect(found.records).toEqual([])
    expect(found.error).toMatch(/does not exist \(NXDOMAIN\)/)
    expect(events.at(-1)).toMatchObject({ kind: 'error', text: found.error })
  })

  it('refuses a name that is not a domain without asking anyone', async () => {
    const before = dns.queries.length
    const found = await lookupMx('bad name.test', { servers: [dns.server] })
    expect(found.error).toMatch(/not a valid domain name/)
    expect(dns.queries.length).toBe(before)
  })
})
