// STARTTLS with the inbox's own certificate, verified: a client that trusts caPem gets
// an authorized session; one that does not is refused by its own verification.
import { X509Certificate } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sendMail } from '../../main/smtp'
import { nextSession, useInboxFixture } from './support/inbox-fixture'
import { fixedMessage, plainMessage } from './support/messages'
import { RawSmtpClient } from './support/raw-smtp-client'

const fixture = useInboxFixture()

describe('local inbox: STARTTLS', () => {
  it('upgrades with a certificate for the loopback names that verifies against caPem', async () => {
    const inbox = await fixture.start()
    const sessionDone = nextSession(inbox)
    const client = await RawSmtpClient.connect(inbox.port)
    await client.reply()
    expect(await client.command('EHLO client.test')).toContain('250-STARTTLS')
    expect(await client.command('STARTTLS')).toEqual(['220 2.0.0 Ready to start TLS'])

    const secure = await client.startTls(inbox.caPem, 'localhost')
    expect(secure.authorized).toBe(true)
    const negotiated = { protocol: secure.getProtocol(), cipher: secure.getCipher().name }
    expect(secure.getPeerX509Certificate()?.fingerprint256).toBe(inbox.certificateFingerprint)
    const certificate = new X509Certificate(inbox.caPem)
    expect(certificate.checkHost('localhost')).toBe('localhost')
    expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1')
    expect(certificate.checkIP('::1')).toBe('::1')
    expect(certificate.publicKey.asymmetricKeyType).toBe('ec')

    // Inside TLS the capabilities no longer offer STARTTLS, and the session starts over.
    const ehlo = await client.command('EHLO client.test')
    expect(ehlo).not.toContain('250-STARTTLS')
    expect(ehlo).toContain('250-AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2')
    expect(await client.command('QUIT')).toEqual(['221 2.0.0 Bye'])

    const session = await sessionDone
    expect(session.tls).toEqual(negotiated)
    expect(session.events).toContainEqual({
      at: expect.any(Number),
      direction: 'info',
      text: `TLS started: ${negotiated.protocol}, ${negotiated.cipher}`,
    })
  })

  it('the engine verifies the certificate: with caPem it sends, without it refuses the session', async () => {
    const inbox = await fixture.start()
    const envelope = { from: 'sender@example.test', to: ['rcpt@example.test'] }
    const options = { host: inbox.host, port: inbox.port, security: 'starttls' as const }

    const refused = nextSession(inbox)
    const untrusted = await sendMail(options, envelope, fixedMessage(plainMessage('untrusted')))
    expect(untrusted.status).toBe('failed')
    expect(untrusted.error?.code).toBe('ETLS')
    expect(inbox.messages()).toEqual([])
    // The inbox's side of that session says where it ended.
    expect((await refused).events.slice(-3).map((event) => event.text)).toEqual([
      '220 2.0.0 Ready to start TLS',
      'the TLS handshake did not complete (a client that does not trust the certificate hangs up here)',
      'connection closed',
    ])

    const trusted = await sendMail({ ...options, ca: inbox.caPem }, envelope, fixedMessage(plainMessage('trusted')))
    expect(trusted.status).toBe('sent')
    expect(trusted.tls?.authorized).toBe(true)
    expect(inbox.messages().map((message) => message.subject)).toEqual(['trusted'])
  })
})
