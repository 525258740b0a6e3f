// What the inbox offers on the wire (SIZE, PIPELINING, 8BITMIME, SMTPUTF8, STARTTLS, AUTH)
// and that it takes what it offers: a pipelined batch, UTF-8 addresses, 8-bit bodies,
// two messages in one session.
import { describe, expect, it } from 'vitest'
import { nextSession, useInboxFixture } from './support/inbox-fixture'
import { RawSmtpClient } from './support/raw-smtp-client'

const fixture = useInboxFixture()

describe('local inbox protocol', () => {
  it('greets and offers its extensions in EHLO', async () => {
    const inbox = await fixture.start()
    const client = await RawSmtpClient.connect(inbox.port)
    expect(await client.reply()).toEqual(['220 localhost ESMTP Mailwire local test inbox'])
    expect(await client.command('EHLO client.test')).toEqual([
      '250-localhost Nice to meet you, [127.0.0.1]',
      '250-PIPELINING',
      '250-8BITMIME',
      '250-SMTPUTF8',
      '250-ENHANCEDSTATUSCODES',
      '250-AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2',
      '250-STARTTLS',
      '250 SIZE 52428800',
    ])
    await client.command('QUIT')
  })

  it('takes a pipelined batch, UTF-8 addresses and an 8-bit body, and two messages in one session', async () => {
    const inbox = await fixture.start()
    const sessionDone = nextSession(inbox)
    const client = await RawSmtpClient.connect(inbox.port)
    await client.reply()
    await client.command('EHLO client.test')

    // RFC 2920: the whole envelope in one write; the replies come back in order.
    await client.write(
      'MAIL FROM:<jörg@exämple.test> SMTPUTF8 BODY=8BITMIME\r\nRCPT TO:<zoë@exämple.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n',
    )
    expect(await client.reply()).toEqual(['250 2.1.0 Accepted'])
    expect(await client.reply()).toEqual(['250 2.1.5 Accepted'])
    expect(await client.reply()).toEqual(['250 2.1.5 Accepted'])
    expect(await client.reply()).toEqual(['354 End data with <CR><LF>.<CR><LF>'])
    const first = Buffer.from('From: jörg@exämple.test\r\nSubject: Grüße\r\n\r\nGrüße, 8-bit.\r\n', 'utf8')
    const firstReply = await client.command(`${first.toString('utf8')}.`)
    expect(firstReply?.[0]).toMatch(/^250 2\.6\.0 Message queued as msg-/)

    expect(await client.command('MAIL FROM:<>')).toEqual(['250 2.1.0 Accepted'])
    expect(await client.command('RCPT TO:<bob@example.test>')).toEqual(['250 2.1.5 Accepted'])
    expect(await client.command('DATA')).toEqual(['354 End data with <CR><LF>.<CR><LF>'])
    expect((await client.command('Subject: second\r\n\r\nbounce-like\r\n.'))?.[0]).toMatch(/^250 2\.6\.0 /)
    await client.command('QUIT')

    const session = await sessionDone
    const [second, firstMessage] = inbox.messages()
    expect(session.messageIds).toEqual([firstMessage!.id, second!.id])
    expect(firstMessage).toMatchObject({
      sessionId: session.id,
      subject: 'Grüße',
      secure: false,
      envelope: {
        mailFrom: 'jörg@exämple.test',
        rcptTo: ['zoë@exämple.test', 'bob@example.test'],
        bodyType: '8bitmime',
        smtpUtf8: true,
      },
    })
    expect((await inbox.raw(firstMessage!.id))!.equals(first)).toBe(true)
    expect(second?.envelope).toEqual({ mailFrom: '', rcptTo: ['bob@example.test'], bodyType: '7bit', smtpUtf8: false })
    expect(session.events).toContainEqual({ at: expect.any(Number), direction: 'in', text: 'RCPT TO:<zoë@exämple.test>' })
  })

  it('lists live sessions first and notes a client that goes away', async () => {
    const inbox = await fixture.start()
    // One session over and kept, then two live ones: the live come first, newest first.
    const keptEnded = nextSession(inbox)
    const done = await RawSmtpClient.connect(inbox.port)
    await done.reply()
    await done.command('QUIT')
    const kept = await keptEnded
    const older = await RawSmtpClient.connect(inbox.port)
    await older.reply()
    const newer = await RawSmtpClient.connect(inbox.port)
    await newer.reply()
    const listed = inbox.sessions()
    expect(listed.map((summary) => summary.endedAt === undefined)).toEqual([true, true, false])
    expect(listed[2]!.id).toBe(kept.id)
    const live = await inbox.session(listed[0]!.id)
    expect(live?.events.map((event) => event.text)).toEqual(['220 localhost ESMTP Mailwire local test inbox'])

    // The older client goes away: it was the second in the list, and is now the newest ended.
    const olderEnded = nextSession(inbox)
    older.destroy()
    const session = await olderEnded
    expect(session.id).toBe(listed[1]!.id)
    expect(session.endedAt).toEqual(expect.any(String))
    expect(session.events.at(-1)?.text).toBe('connection closed')
    expect(inbox.sessions()).toEqual([
      { id: listed[0]!.id, startedAt: listed[0]!.startedAt, messageIds: [], faults: [] },
      { id: session.id, startedAt: session.startedAt, endedAt: session.endedAt, messageIds: [], faults: [] },
      { id: kept.id, startedAt: kept.startedAt, endedAt: kept.endedAt, messageIds: [], faults: [] },
    ])
    newer.destroy()
  })
})
