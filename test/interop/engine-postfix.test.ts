// The engine against a real Postfix on loopback (see test/support/postfix.ts).
import { expect, it } from 'vitest'
import { probeServer, sendMail } from '../../main/smtp/index'
import type { MessageFactory, SessionOptions } from '../../main/smtp/types'
import { describeWithPostfix } from '../support/postfix-suite'
import { uniqueMailbox, waitForMail } from '../support/postfix'
import { startRecordingProxy, turns } from '../smtp/support/recording-proxy'
import { recordWire } from '../smtp/support/wire'

function message(subject: string, body = 'Hello from the Mailwire engine.\n.leading dot line\n'): MessageFactory {
  return () => {
    const text = `From: engine@mailwire.test\nTo: someone@mailwire.test\nSubject: ${subject}\nMessage-ID: <${subject}@mailwire.test>\n\n${body}`
    const bytes = Buffer.from(text)
    return {
      open: async function* () {
        yield bytes
      },
      size: bytes.length,
      eightBit: false,
    }
  }
}

describeWithPostfix('engine ↔ Postfix', (postfix) => {
  const base = (options: Partial<SessionOptions> = {}): SessionOptions => ({
    host: postfix.host,
    port: postfix.port,
    security: 'none',
    clientName: 'engine.mailwire.test',
    ...options,
  })

  it('sends to two recipients who both receive the message; transcript in order', async () => {
    const to = [uniqueMailbox('two-a'), uniqueMailbox('two-b')]
    const wire = recordWire()
    const subject = `two-${Date.now()}`
    const result = await sendMail(base({ onWire: wire.onWire }), { from: 'engine@mailwire.test', to }, message(subject))
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    expect(result.queueId).toMatch(/^[0-9A-Za-z]+$/)
    expect(result.capabilities).toMatchObject({ pipelining: true, eightBitMime: true, smtpUtf8: true, enhancedStatusCodes: true, startTls: true, dsn: true })
    for (const address of to) {
      const [raw] = await waitForMail(address)
      expect(raw).toContain(`Subject: ${subject}`)
      // Dot-stuffing undone by Postfix: the line arrives with one dot.
      expect(raw).toMatch(/^\.leading dot line$/m)
    }
    // 220 / EHLO / 250… / MAIL / RCPT / DATA / 354 / . / 250 queued / QUIT / 221
    const shape = wire.events
      .filter((event) => event.kind === 'client' || event.kind === 'server')
      .map((event) => (event.kind === 'client' ? `C ${event.text.split(/[ :]/)[0]}` : `S ${event.reply!.code}`))
      .filter((line, index, all) => line !== all[index - 1] || line === 'C RCPT')
    const bodyStart = shape.indexOf('S 354') + 1
    const bodyEnd = shape.indexOf('C .')
    expect([...shape.slice(0, bodyStart), ...shape.slice(bodyEnd)]).toEqual([
      'S 220',
      'C EHLO',
      'S 250',
      'C MAIL',
      'C RCPT',
      'C RCPT',
      'C DATA',
      'S 250',
      'S 354',
      'C .',
      'S 250',
      'C QUIT',
      'S 221',
    ])
    expect(result.finalReply!.lines[0]).toMatch(/queued as/)
    expect(result.finalReply!.enhanced).toBe('2.0.0')
  })

  it('pipelines the envelope to Postfix in one round trip', async () => {
    const proxy = await startRecordingProxy({ host: postfix.host, port: postfix.port })
    try {
      const to = [uniqueMailbox('pipe-a'), uniqueMailbox('pipe-b')]
      const result = await sendMail(base({ host: '127.0.0.1', port: proxy.port }), { from: 'engine@mailwire.test', to }, message('pipe'))
      expect(result.status).toBe('sent')
      const mailTurn = turns(proxy.segments).find((turn) => turn.from === 'client' && turn.text.startsWith('MAIL FROM'))!
      expect(mailTurn.text.split('\r\n').filter(Boolean).map((line) => line.split(/[ :]/)[0])).toEqual(['MAIL', 'RCPT', 'RCPT', 'DATA'])
    } finally {
      await proxy.close()
    }
  })

  it('STARTTLS with the test CA, then sends', async () => {
    const to = uniqueMailbox('starttls')
    const result = await sendMail(base({ security: 'starttls', ca: postfix.caPem }), { from: 'engine@mailwire.test', to: [to] }, message('starttls'))
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    expect(result.tls).toMatchObject({ mode: 'starttls', authorized: true })
    expect(result.capabilitiesBeforeTls!.startTls).toBe(true)
    expect(result.capabilities!.startTls).toBe(false)
    const [raw] = await waitForMail(to)
    expect(raw).toMatch(/with ESMTPS/)
  })

  it('implicit TLS on the smtps port', async () => {
    const to = uniqueMailbox('implicit')
    const result = await sendMail(
      base({ port: postfix.implicitTlsPort, security: 'implicit', ca: postfix.caPem }),
      { from: 'engine@mailwire.test', to: [to] },
      message('implicit'),
    )
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    expect(result.tls).toMatchObject({ mode: 'implicit', authorized: true })
    await waitForMail(to)
  })

  it('partial acceptance: the refused recipient is reported, the others receive it', async () => {
    const good = uniqueMailbox('partial')
    const result = await sendMail(
      base(),
      { from: 'engine@mailwire.test', to: [good, 'reject-me@mailwire.test', uniqueMailbox('defer')] },
      message('partial'),
    )
    expect(result.status).toBe('partial')
    expect(result.recipients.map((recipient) => [recipient.accepted, recipient.reply.code, recipient.reply.enhanced])).toEqual([
      [true, 250, '2.1.5'],
      [false, 550, '5.1.1'],
      [false, 450, '4.2.1'],
    ])
    await waitForMail(good)
  })

  it('all recipients refused: RSET and no message', async () => {
    const wire = recordWire()
    const result = await sendMail(base({ onWire: wire.onWire }), { from: 'engine@mailwire.test', to: ['reject-a@mailwire.test', 'reject-b@mailwire.test'] }, message('refused'))
    expect(result.status).toBe('refused')
    expect(wire.lines()).toContain('C: RSET')
    expect(wire.lines().some((line) => line.startsWith('C: From:'))).toBe(false)
  })

  it('SMTPUTF8 to Postfix', async () => {
    const to = uniqueMailbox('utf8')
    const wire = recordWire()
    const result = await sendMail(base({ onWire: wire.onWire }), { from: 'jöran@mailwire.test', to: [to] }, message('utf8'))
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    expect(wire.lines().find((line) => line.startsWith('C: MAIL'))).toMatch(/SMTPUTF8/)
    await waitForMail(to)
  })

  it('probes Postfix: capabilities before and after STARTTLS', async () => {
    const probe = await probeServer({ host: postfix.host, port: postfix.port, security: 'auto', ca: postfix.caPem })
    expect(probe.error).toBeUndefined()
    expect(probe.greeting!.lines[0]).toMatch(/postfix\.mailwire\.test ESMTP/)
    expect(probe.capabilitiesBeforeTls!.startTls).toBe(true)
    expect(probe.tls!.authorized).toBe(true)
  })
})
