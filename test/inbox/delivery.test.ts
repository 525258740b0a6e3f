// A message sent through our engine (STARTTLS with the inbox's own certificate, AUTH)
// arrives byte for byte, parsed, and linked to the inbox's record of the session.
import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sendMail } from '../../main/smtp'
import type { WireEvent } from '../../main/smtp'
import { nextSession, useInboxFixture } from './support/inbox-fixture'
import { fixedMessage } from './support/messages'

const fixture = useInboxFixture()

const attachment = randomBytes(3000)
const attachmentBase64 = attachment.toString('base64').replace(/.{76}/g, '$&\r\n').replace(/\r\n$/, '')

/** Dot lines, 8-bit text, a long line, nested multipart, an attachment: all must survive. */
const message = Buffer.from(
  [
    'From: Alice Example <alice@example.test>',
    'To: Bob <bob@example.test>, carol@example.test',
    'Cc: Dave <dave@example.test>',
    'Subject: Local inbox round trip',
    'Date: Tue, 03 Mar 2026 10:00:00 +0000',
    'Message-ID: <round-trip.1@example.test>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/alternative; boundary="inner"',
    '',
    '--inner',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Grüße aus dem Test: ünïcødé, 日本語.',
    '.a line that starts with a dot',
    '..two dots',
    '.',
    `a long line ${'x'.repeat(900)}`,
    '--inner',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    '<p>Hello <b>world</b></p><script>alert(1)</script>',
    '--inner--',
    '--outer',
    'Content-Type: application/octet-stream; name="data.bin"',
    'Content-Disposition: attachment; filename="data.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    attachmentBase64,
    '--outer--',
    '',
  ].join('\r\n'),
  'utf8',
)

describe('local inbox: delivery through the engine', () => {
  it('keeps a message sent with STARTTLS and AUTH byte for byte, parsed and linked to its session', async () => {
    const inbox = await fixture.start()
    const sessionDone = nextSession(inbox)
    const wire: WireEvent[] = []
    const password = `pw-${randomBytes(8).toString('hex')}`

    const result = await sendMail(
      {
        host: inbox.host,
        port: inbox.port,
        security: 'starttls',
        ca: inbox.caPem,
        auth: { user: 'alice', password },
        onWire: (event) => wire.push(event),
      },
      { from: 'alice@example.test', to: ['bob@example.test', 'carol@example.test', 'dave@example.test'] },
      // Chunk edges inside a CRLF and right before a dot line.
      fixedMessage(message, { splitAt: [300, message.indexOf('\r\n.\r\n') + 1, message.indexOf('\r\n.\r\n') + 2] }),
    )

    expect(result.error).toBeUndefined()
    expect(result.status).toBe('sent')
    expect(result.tls).toMatchObject({ authorized: true, verificationSkipped: false, mode: 'starttls' })
    const [summary] = inbox.messages()
    expect(inbox.messages()).toHaveLength(1)
    expect(result.queueId).toBe(summary!.id)

    expect((await inbox.raw(summary!.id))!.equals(message)).toBe(true)
    expect(summary).toMatchObject({
      size: message.length,
      secure: true,
      authUser: 'alice',
      subject: 'Local inbox round trip',
      from: { name: 'Alice Example', address: 'alice@example.test' },
      to: [
        { name: 'Bob', address: 'bob@example.test' },
        { name: '', address: 'carol@example.test' },
      ],
      envelope: {
        mailFrom: 'alice@example.test',
        rcptTo: ['bob@example.test', 'carol@example.test', 'dave@example.test'],
        bodyType: '8bitmime',
        smtpUtf8: false,
      },
    })

    const stored = await inbox.get(summary!.id)
    expect(stored?.parsed).toMatchObject({
      cc: [{ name: 'Dave', address: 'dave@example.test' }],
      date: '2026-03-03T10:00:00.000Z',
      messageId: '<round-trip.1@example.test>',
      html: '<p>Hello <b>world</b></p><script>alert(1)</script>',
      textTruncated: false,
      htmlTruncated: false,
      attachments: [
        {
          filename: 'data.bin',
          contentType: 'application/octet-stream',
          disposition: 'attachment',
          size: attachment.length,
          sha256: createHash('sha256').update(attachment).digest('hex'),
        },
      ],
    })
    expect(stored?.parsed.text).toContain('Grüße aus dem Test: ünïcødé, 日本語.\n.a line that starts with a dot\n..two dots\n.\n')
    expect(stored?.parsed.headers[0]).toEqual({ key: 'from', line: 'From: Alice Example <alice@example.test>' })
    expect(stored?.parsed.parseError).toBeUndefined()

    // The inbox's own side of the same session: what the engine sent, as received.
    const session = await sessionDone
    expect(session.id).toBe(summary!.sessionId)
    expect(session.messageIds).toEqual([summary!.id])
    expect(session.tls?.protocol).toMatch(/^TLSv1\.[23]$/)
    expect(session.auth).toEqual({ method: 'CRAM-MD5', username: 'alice', testCredentials: true })
    const lines = session.events.filter((event) => event.direction !== 'info').map((event) => `${event.direction} ${event.text}`)
    expect(lines).toContain('in STARTTLS')
    expect(lines).toContain('out 220 2.0.0 Ready to start TLS')
    expect(lines).toContain(`in MAIL FROM:<alice@example.test> SIZE=${message.length} BODY=8BITMIME`)
    expect(lines).toContain(`out 250 2.6.0 Message queued as ${summary!.id}`)
    expect(lines.at(-1)).toBe('out 221 2.0.0 Bye')
    // Every line the engine wrote is in the inbox's record, in order (message data aside).
    const engineCommands = wire.filter(
      (event) => event.kind === 'client' && (event.phase !== 'data' || event.text === 'DATA'),
    )
    const inboxCommands = session.events.filter((event) => event.direction === 'in')
    expect(inboxCommands.map((event) => event.text)).toEqual(engineCommands.map((event) => event.text))
    expect(await inbox.session(session.id)).toEqual(session)
  })

  it('keeps a message larger than the streaming threshold byte for byte, its text bounded', async () => {
    const inbox = await fixture.start()
    const line = `${'large body line '.repeat(4)}\r\n`
    const large = Buffer.from(`From: a@example.test\r\nSubject: large\r\n\r\n${line.repeat(Math.ceil((12 * 1024 * 1024) / line.length))}`)
    const result = await sendMail(
      { host: inbox.host, port: inbox.port, security: 'starttls', ca: inbox.caPem },
      { from: 'a@example.test', to: ['b@example.test'] },
      fixedMessage(large, { splitAt: [65_536, 1_000_003, 5_000_000] }),
    )
    expect(result.status).toBe('sent')
    const [summary] = inbox.messages()
    expect(summary?.size).toBe(large.length)
    expect(createHash('sha256').update((await inbox.raw(summary!.id))!).digest('hex')).toBe(
      createHash('sha256').update(large).digest('hex'),
    )
    const stored = await inbox.get(summary!.id)
    expect(stored?.parsed.textTruncated).toBe(true)
    expect(stored?.parsed.text?.startsWith(line.replace('\r\n', '\n').repeat(3))).toBe(true)
  })
})
