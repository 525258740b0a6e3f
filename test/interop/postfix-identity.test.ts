// Identity against the real Postfix: a port that requires a client certificate from the
// client CA (refused without one, refused with one from another CA, accepted with one from
// it), and a port behind a "load balancer" (smtpd_upstream_proxy_protocol = haproxy) that
// takes the client address from our PROXY header, v1 and v2, and writes it into Received.
import { expect, it } from 'vitest'
import { sendMail } from '../../main/smtp/index'
import type { MessageFactory, SessionOptions } from '../../main/smtp/types'
import { uniqueMailbox, waitForMail } from '../support/postfix'
import { describeWithPostfix } from '../support/postfix-suite'
import { createCa, issueClientCertificate } from '../support/test-ca'
import { recordWire } from '../smtp/support/wire'

const message =
  (subject: string): MessageFactory =>
  () => ({ open: async function* () { yield Buffer.from(`From: id@mailwire.test\r\nSubject: ${subject}\r\n\r\nidentity\r\n`) }, eightBit: false })

describeWithPostfix('identity ↔ Postfix', (postfix) => {
  const base = (options: Partial<SessionOptions>): SessionOptions => ({
    host: postfix.host,
    port: postfix.port,
    security: 'none',
    clientName: 'identity.mailwire.test',
    ...options,
  })

  it('client certificate required: refused without, refused from another CA, accepted with one from the client CA', async () => {
    const certPort = { port: postfix.clientCertPort, security: 'starttls' as const, ca: postfix.caPem }
    const to = uniqueMailbox('ccert')
    const without = await sendMail(base(certPort), { from: 'id@mailwire.test', to: [to] }, message('no cert'))
    expect(without.status).toBe('failed')

    const other = await issueClientCertificate(await createCa('Not The Client CA'), 'other.mailwire.test')
    const wrong = await sendMail(base({ ...certPort, tlsClient: { cert: other.cert, key: other.key } }), { from: 'id@mailwire.test', to: [to] }, message('other cert'))
    expect(wrong.status).toBe('failed')

    const mine = await issueClientCertificate(postfix.clientCa, 'client.mailwire.test')
    const wire = recordWire()
    const subject = `ccert-${Date.now()}`
    const ok = await sendMail(base({ ...certPort, tlsClient: { cert: mine.cert, key: mine.key }, onWire: wire.onWire }), { from: 'id@mailwire.test', to: [to] }, message(subject))
    expect(ok.status, JSON.stringify(ok.error)).toBe('sent')
    expect(wire.lines().some((line) => /^I: client certificate .*CN=client\.mailwire\.test, issued by CN=Mailwire Test Client CA/.test(line))).toBe(true)
    const [raw] = await waitForMail(to)
    expect(raw).toContain(`Subject: ${subject}`)
  })

  for (const version of ['v1', 'v2'] as const) {
    it(`PROXY ${version}: accepted, and Received shows the claimed address`, async () => {
      const to = uniqueMailbox(`proxy-${version}`)
      const claimed = version === 'v1' ? '192.0.2.41' : '198.51.100.42'
      const subject = `proxy-${version}-${Date.now()}`
      const result = await sendMail(
        base({ port: postfix.proxyProtocolPort, proxyHeader: { version, source: { address: claimed, port: 40001 } } }),
        { from: 'id@mailwire.test', to: [to] },
        message(subject),
      )
      expect(result.status, JSON.stringify(result.error)).toBe('sent')
      const [raw] = await waitForMail(to)
      expect(raw).toMatch(new RegExp(`^Received: from identity\\.mailwire\\.test \\(unknown \\[${claimed.replace(/\./g, '\\.')}\\]\\)`, 'm'))
    })
  }

  it('without a PROXY header the load-balanced port gives no session', async () => {
    const result = await sendMail(base({ port: postfix.proxyProtocolPort, timeouts: { greeting: 8000 } }), { from: 'id@mailwire.test', to: [uniqueMailbox('noproxy')] }, message('none'))
    expect(result.status).toBe('failed')
  })
})
