// The orchestrator against smtp-server: envelope parameters, pipelining, partial and
// total refusals, SIZE, 8BITMIME, SMTPUTF8, DSN, quitAfter, input refused before sending.
import { afterEach, describe, expect, it } from 'vitest'
import { sendMail } from '../../main/smtp/index'
import type { Envelope, MessageFactory, SendResult, SessionOptions } from '../../main/smtp/types'
import { startRecordingProxy, turns } from './support/recording-proxy'
import { startScriptedServer } from './support/scripted-server'
import { startSmtpServer, type TestServer, type TestServerOptions } from './support/smtp-server'
import { recordWire, type WireRecorder } from './support/wire'

const BODY = 'Subject: hi\r\n\r\nHello.\r\n'

const text = (body = BODY, extra: { eightBit?: boolean; size?: number | null } = {}): MessageFactory => () => ({
  open: async function* () {
    yield Buffer.from(body)
  },
  ...(extra.size === null ? {} : { size: extra.size ?? Buffer.byteLength(body) }),
  eightBit: extra.eightBit ?? false,
})

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function send(
  serverOptions: TestServerOptions,
  envelope: Envelope,
  options: Partial<SessionOptions> = {},
  message: MessageFactory = text(),
): Promise<{ result: SendResult; wire: WireRecorder; server: TestServer }> {
  server = await startSmtpServer({ hideSTARTTLS: true, size: 10_000_000, ...serverOptions })
  const wire = recordWire()
  const result = await sendMail({ host: server.host, port: server.port, security: 'none', onWire: wire.onWire, ...options }, envelope, message)
  return { result, wire, server }
}

const clientLines = (wire: WireRecorder) => wire.events.filter((event) => event.kind === 'client').map((event) => event.text)

describe('sendMail', () => {
  it('sends to two recipients: result, queue id, timings and wire events complete', async () => {
    const { result, wire, server } = await send({}, { from: 'ann@example.test', to: ['bob@example.test', 'cy@example.test'] })
    expect(result.error).toBeUndefined()
    expect(result).toMatchObject({ status: 'sent', queueId: 'TESTQ1', dataBytes: Buffer.byteLength(BODY) })
    expect(result.finalReply).toEqual({ code: 250, lines: ['Ok: queued as TESTQ1'] })
    expect(result.recipients).toEqual([
      { address: 'bob@example.test', accepted: true, reply: { code: 250, lines: ['Accepted'] } },
      { address: 'cy@example.test', accepted: true, reply: { code: 250, lines: ['Accepted'] } },
    ])
    expect(server.received[0]!.raw.toString()).toBe(BODY)
    expect(Date.parse(result.startedAt)).toBeLessThanOrEqual(Date.now())
    expect(result.durationMs).toBeGreaterThanOrEqual(0)
    expect(result.timings.map((timing) => timing.phase)).toEqual(['connect', 'greeting', 'ehlo', 'prepare', 'mail', 'rcpt', 'data', 'quit'])
    for (const timing of result.timings) expect(timing.end).toBeGreaterThanOrEqual(timing.start)

    // seq 0,1,2…; time never goes back; every server line has a code; rtt on each reply's last line.
    wire.events.forEach((event, index) => expect(event.seq).toBe(index))
    for (let i = 1; i < wire.events.length; i++) expect(wire.events[i]!.at).toBeGreaterThanOrEqual(wire.events[i - 1]!.at)
    for (const event of wire.events.filter((e) => e.kind === 'server')) {
      expect(event.reply!.code).toBe(Number(event.text.slice(0, 3)))
      expect(event.rtt !== undefined).toBe(event.text[3] !== '-')
    }
    expect(clientLines(wire)).toEqual([
      expect.stringMatching(/^EHLO /),
      'MAIL FROM:<ann@example.test> SIZE=23',
      'RCPT TO:<bob@example.test>',
      'RCPT TO:<cy@example.test>',
      'DATA',
      'Subject: hi',
      '',
      'Hello.',
      '.',
      'QUIT',
    ])
    expect(wire.lines()).toContain('I: message data: 23 bytes, 3 lines')
  })

  it('pipelines MAIL, every RCPT and DATA in one round trip (RFC 2920)', async () => {
    server = await startSmtpServer({ hideSTARTTLS: true, size: 10_000_000 })
    const proxy = await startRecordingProxy(server)
    try {
      const result = await sendMail(
        { host: '127.0.0.1', port: proxy.port, security: 'none' },
        { from: 'ann@example.test', to: ['b1@example.test', 'b2@example.test', 'b3@example.test'] },
        text(),
      )
      expect(result.status).toBe('sent')
      const conversation = turns(proxy.segments)
      const mailTurn = conversation.find((turn) => turn.from === 'client' && turn.text.startsWith('MAIL FROM'))!
      expect(mailTurn.text).toBe(
        'MAIL FROM:<ann@example.test> SIZE=23\r\nRCPT TO:<b1@example.test>\r\nRCPT TO:<b2@example.test>\r\nRCPT TO:<b3@example.test>\r\nDATA\r\n',
      )
    } finally {
      await proxy.close()
    }
  })

  it('without PIPELINING waits for each reply', async () => {
    server = await startSmtpServer({ hideSTARTTLS: true, hidePIPELINING: true, size: 10_000_000 })
    const proxy = await startRecordingProxy(server)
    try {
      const result = await sendMail(
        { host: '127.0.0.1', port: proxy.port, security: 'none' },
        { from: 'ann@example.test', to: ['b1@example.test', 'b2@example.test'] },
        text(),
      )
      expect(result.status).toBe('sent')
      const clientTurns = turns(proxy.segments).filter((turn) => turn.from === 'client').map((turn) => turn.text)
      expect(clientTurns).toEqual(
        expect.arrayContaining(['MAIL FROM:<ann@example.test> SIZE=23\r\n', 'RCPT TO:<b1@example.test>\r\n', 'RCPT TO:<b2@example.test>\r\n', 'DATA\r\n']),
      )
    } finally {
      await proxy.close()
    }
  })

  for (const pipelining of [true, false]) {
    it(`partial acceptance goes on with the accepted recipients (${pipelining ? 'pipelined' : 'one by one'})`, async () => {
      const { result, server } = await send(
        { hidePIPELINING: !pipelining },
        { from: 'ann@example.test', to: ['ok1@example.test', 'reject-me@example.test', 'ok2@example.test'] },
      )
      expect(result.status).toBe('partial')
      expect(result.error).toBeUndefined()
      expect(result.recipients.map((r) => [r.address, r.accepted, r.reply.code])).toEqual([
        ['ok1@example.test', true, 250],
        ['reject-me@example.test', false, 550],
        ['ok2@example.test', true, 250],
      ])
      expect(result.recipients[1]!.reply.enhanced).toBe('5.1.1')
      expect(server.received[0]!.to).toEqual(['ok1@example.test', 'ok2@example.test'])
    })
  }

  it('all recipients refused: RSET, no DATA, status refused', async () => {
    const { result, wire, server } = await send({ hidePIPELINING: true }, { from: 'ann@example.test', to: ['reject1@example.test', 'reject2@example.test'] })
    expect(result.status).toBe('refused')
    expect(result.error).toMatchObject({ code: 'EENVELOPE' })
    const lines = clientLines(wire)
    expect(lines).toContain('RSET')
    expect(lines).not.toContain('DATA')
    expect(lines.at(-1)).toBe('QUIT')
    expect(server.received).toHaveLength(0)
  })

  it('all recipients refused while pipelined: DATA refused by the server, RSET, nothing sent', async () => {
    const { result, wire, server } = await send({}, { from: 'ann@example.test', to: ['reject1@example.test'] })
    expect(result.status).toBe('refused')
    expect(clientLines(wire)).toContain('RSET')
    expect(clientLines(wire)).not.toContain('Subject: hi')
    expect(server.received).toHaveLength(0)
  })

  it('all refused but the pipelined DATA got 354: a lone dot, never the body', async () => {
    const scripted = await startScriptedServer([
      { send: '220 x ESMTP\r\n' },
      { expect: /^EHLO / },
      { send: '250-x\r\n250 PIPELINING\r\n' },
      { expect: 'MAIL FROM:<a@example.test>' },
      { expect: 'RCPT TO:<r@example.test>' },
      { expect: 'DATA' },
      { send: '250 ok\r\n550 5.1.1 no such user\r\n354 go ahead\r\n' },
      { readData: true },
      { send: '554 5.5.1 no valid recipients\r\n' },
      { expect: 'RSET' },
      { send: '250 ok\r\n' },
      { expect: 'QUIT' },
      { send: '221 bye\r\n' },
    ])
    try {
      const result = await sendMail({ host: scripted.host, port: scripted.port, security: 'none' }, { from: 'a@example.test', to: ['r@example.test'] }, text())
      expect(scripted.mismatches).toEqual([])
      expect(result.status).toBe('refused')
      expect(scripted.data[0]!.toString()).toBe('.\r\n')
      expect(result.dataBytes).toBe(0)
    } finally {
      await scripted.close()
    }
  })

  it('refuses a message larger than the advertised SIZE before MAIL', async () => {
    const big = `Subject: big\r\n\r\n${'x'.repeat(5000)}\r\n`
    const { result, wire, server } = await send({ size: 1000 }, { from: 'a@example.test', to: ['b@example.test'] }, {}, text(big))
    expect(result.capabilities!.size).toBe(1000)
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'EMESSAGE', phase: 'mail' })
    expect(result.error!.message).toContain(`${Buffer.byteLength(big)} bytes and the server accepts at most 1000`)
    expect(clientLines(wire).some((line) => line.startsWith('MAIL'))).toBe(false)
    expect(server.received).toHaveLength(0)
  })

  it('sends SIZE= with the exact size, and none when the size is unknown', async () => {
    const known = await send({ size: 100_000 }, { from: 'a@example.test', to: ['b@example.test'] })
    expect(known.server.received[0]!.mailArgs).toMatchObject({ SIZE: '23' })
    await known.server.close()
    server = undefined
    const unknown = await send({ size: 100_000 }, { from: 'a@example.test', to: ['b@example.test'] }, {}, text(BODY, { size: null }))
    expect(unknown.result.status).toBe('sent')
    expect(clientLines(unknown.wire)).toContain('MAIL FROM:<a@example.test>')
  })

  it('BODY=8BITMIME for an 8-bit message when offered', async () => {
    const body = 'Subject: ü\r\n\r\nGrüße\r\n'
    const { result, server } = await send({}, { from: 'a@example.test', to: ['b@example.test'] }, {}, text(body, { eightBit: true }))
    expect(result.status).toBe('sent')
    expect(server.received[0]!.bodyType).toBe('8bitmime')
    expect(server.received[0]!.raw.toString('utf8')).toBe(body)
  })

  it('an 8-bit message without 8BITMIME offered: EMESSAGE before MAIL', async () => {
    const { result, wire } = await send({ hide8BITMIME: true }, { from: 'a@example.test', to: ['b@example.test'] }, {}, text('x\u00ff', { eightBit: true }))
    expect(result.error).toMatchObject({ code: 'EMESSAGE', phase: 'mail' })
    expect(clientLines(wire).some((line) => line.startsWith('MAIL'))).toBe(false)
  })

  it('SMTPUTF8 for a non-ASCII address when offered', async () => {
    const { result, server, wire } = await send({}, { from: 'jöran@exämple.test', to: ['δοκιμή@example.test'] })
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    expect(server.received[0]!.smtpUtf8).toBe(true)
    expect(server.received[0]!.to).toEqual(['δοκιμή@example.test'])
    expect(clientLines(wire)).toContain('MAIL FROM:<jöran@exämple.test> SIZE=23 SMTPUTF8')
  })

  it('a non-ASCII local part without SMTPUTF8: refused before MAIL, field named', async () => {
    const { result, wire } = await send({ hideSMTPUTF8: true }, { from: 'a@example.test', to: ['b@example.test', 'δοκιμή@example.test'] })
    expect(result.error).toMatchObject({ code: 'EENVELOPE', phase: 'mail' })
    // Named in words any face can show (the CLI and the app have no "envelope.to[1]").
    expect(result.error!.message).toBe('recipient 2 (δοκιμή@example.test) has a non-ASCII local part and the server does not offer SMTPUTF8 (RFC 6531); nothing was sent')
    expect(clientLines(wire).some((line) => line.startsWith('MAIL'))).toBe(false)
  })

  it('an internationalized domain without SMTPUTF8 goes out in ASCII form', async () => {
    const { result, server, wire } = await send({ hideSMTPUTF8: true }, { from: 'a@exämple.test', to: ['b@bücher.example'] })
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    expect(clientLines(wire)).toContain('MAIL FROM:<a@xn--exmple-cua.test> SIZE=23')
    expect(clientLines(wire)).toContain('RCPT TO:<b@xn--bcher-kva.example>')
    expect(server.received[0]!.smtpUtf8).toBeFalsy()
    // The result names the recipient as the caller gave it.
    expect(result.recipients[0]!.address).toBe('b@bücher.example')
  })

  it('DSN parameters when the server offers DSN', async () => {
    const { result, wire } = await send(
      { hideDSN: false },
      { from: 'a@example.test', to: ['b@example.test'], dsn: { ret: 'HDRS', envid: 'id+1=x', notify: ['SUCCESS', 'FAILURE'] } },
    )
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    expect(result.capabilities!.dsn).toBe(true)
    const lines = clientLines(wire)
    expect(lines).toContain('MAIL FROM:<a@example.test> SIZE=23 RET=HDRS ENVID=id+2B1+3Dx')
    expect(lines).toContain('RCPT TO:<b@example.test> NOTIFY=SUCCESS,FAILURE')
  })

  it('refuses DSN options the server does not offer before MAIL, nothing sent (RFC 3461)', async () => {
    const { result, wire } = await send({}, { from: 'a@example.test', to: ['b@example.test'], dsn: { ret: 'FULL', notify: ['DELAY'] } })
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'EENVELOPE', phase: 'mail' })
    expect(result.error!.message).toMatch(/does not offer DSN, so delivery status notification options \(RFC 3461\) cannot be sent; nothing was sent/)
    expect(clientLines(wire).some((line) => line.startsWith('MAIL'))).toBe(false)
  })

  it('forceExtensions sends the DSN options a server does not offer, with a note', async () => {
    const { wire } = await send({}, { from: 'a@example.test', to: ['b@example.test'], dsn: { ret: 'FULL', notify: ['DELAY'] } }, { forceExtensions: true })
    expect(clientLines(wire)).toContain('MAIL FROM:<a@example.test> SIZE=23 RET=FULL')
    expect(wire.lines()).toContain('I: the server does not offer DSN: sending delivery status notification options (RFC 3461) anyway, as asked')
  })

  it('quitAfter rcpt: stops with QUIT after RCPT, nothing sent', async () => {
    const { result, wire, server } = await send({}, { from: 'a@example.test', to: ['b@example.test'] }, { quitAfter: 'rcpt' })
    expect(result).toMatchObject({ status: 'sent', stoppedAfter: 'rcpt' })
    expect(result.recipients).toHaveLength(1)
    expect(clientLines(wire)).toEqual([expect.stringMatching(/^EHLO /), 'MAIL FROM:<a@example.test> SIZE=23', 'RCPT TO:<b@example.test>', 'QUIT'])
    expect(server.received).toHaveLength(0)
  })

  it('quitAfter rcpt with every recipient refused: refused, not stopped', async () => {
    const { result } = await send({}, { from: 'a@example.test', to: ['reject-1@example.test'] }, { quitAfter: 'rcpt' })
    expect(result.status).toBe('refused')
    expect(result.stoppedAfter).toBeUndefined()
  })

  it('quitAfter ehlo: QUIT right after EHLO', async () => {
    const { result, wire } = await send({}, { from: 'a@example.test', to: ['b@example.test'] }, { quitAfter: 'ehlo' })
    expect(result).toMatchObject({ status: 'sent', stoppedAfter: 'ehlo' })
    expect(clientLines(wire)).toEqual([expect.stringMatching(/^EHLO /), 'QUIT'])
  })

  it('uses the given client name', async () => {
    const { wire } = await send({}, { from: 'a@example.test', to: ['b@example.test'] }, { clientName: 'client.example.test' })
    expect(clientLines(wire)[0]).toBe('EHLO client.example.test')
  })

  it('shows message lines up to dataLinesShown, then one summary', async () => {
    const body = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\r\n')
    const { wire } = await send({}, { from: 'a@example.test', to: ['b@example.test'] }, { dataLinesShown: 5 }, text(body))
    const go = wire.events.findIndex((event) => event.reply?.code === 354)
    const data = wire.events.slice(go).filter((event) => event.kind === 'client').map((event) => event.text)
    expect(data).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4', '.', 'QUIT'])
    const summary = wire.events.filter((event) => event.kind === 'info' && event.phase === 'data')
    expect(summary).toHaveLength(1)
    expect(summary[0]).toMatchObject({ bytes: Buffer.byteLength(body) + 2 })
    expect(summary[0]!.text).toMatch(/50 lines; 45 more lines not shown \(limit 5\)/)
  })

  it('a factory that throws: EMESSAGE before MAIL', async () => {
    const { result, wire } = await send({}, { from: 'a@example.test', to: ['b@example.test'] }, {}, () => {
      throw new Error('attachment missing')
    })
    expect(result.error).toMatchObject({ code: 'EMESSAGE' })
    expect(result.error!.message).toMatch(/could not compose the message: attachment missing/)
    expect(clientLines(wire).some((line) => line.startsWith('MAIL'))).toBe(false)
  })

  it('a message stream that fails mid-DATA: connection dropped without the final dot', async () => {
    const failing: MessageFactory = () => ({
      open: async function* () {
        yield Buffer.from('Subject: x\r\n\r\npart one\r\n')
        throw new Error('disk read error')
      },
      eightBit: false,
    })
    const { result, wire, server } = await send({}, { from: 'a@example.test', to: ['b@example.test'] }, {}, failing)
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'EMESSAGE', phase: 'data' })
    expect(result.error!.message).toMatch(/disk read error.*without the final dot/)
    expect(clientLines(wire)).not.toContain('.')
    expect(server.received).toHaveLength(0)
  })
})

describe('malformed options', () => {
  it('still give a result, never a rejection', async () => {
    const result = await sendMail({ port: 25, security: 'none' } as unknown as SessionOptions, { from: 'a@b.example', to: ['c@d.example'] }, text())
    expect(result).toMatchObject({ status: 'failed', error: { code: 'EPROTOCOL' } })
  })
})

describe('input refused before anything is written', () => {
  const cases: Array<[string, Envelope, Partial<SessionOptions>, RegExp, string]> = [
    ['CR LF in the sender', { from: 'a@example.test>\r\nRCPT TO:<x@y', to: ['b@example.test'] }, {}, /^the sender address contains CR/, 'EENVELOPE'],
    ['LF in a recipient', { from: 'a@example.test', to: ['b@example.test', 'c@example.test\nDATA'] }, {}, /^recipient 2 contains LF/, 'EENVELOPE'],
    ['NUL in a recipient', { from: 'a@example.test', to: ['b\u0000@example.test'] }, {}, /^recipient 1 contains NUL/, 'EENVELOPE'],
    ['parameters smuggled in an address', { from: 'a@example.test> SIZE=1', to: ['b@example.test'] }, {}, /^the sender address contains < or >/, 'EENVELOPE'],
    ['CR LF in the client name', { from: 'a@example.test', to: ['b@example.test'] }, { clientName: 'x\r\nMAIL FROM:<evil>' }, /the EHLO name contains CR/, 'EPROTOCOL'],
    ['CR in the DSN envelope id', { from: 'a@example.test', to: ['b@example.test'], dsn: { envid: 'a\rb' } }, {}, /^the DSN envelope id \(ENVID\) contains CR/, 'EENVELOPE'],
    ['no recipient', { from: 'a@example.test', to: [] }, {}, /no recipient/, 'EENVELOPE'],
  ]

  it.each(cases)('%s', async (_name, envelope, options, message, code) => {
    const scripted = await startScriptedServer([{ send: '220 x\r\n' }])
    try {
      const wire = recordWire()
      const result = await sendMail({ host: scripted.host, port: scripted.port, security: 'none', onWire: wire.onWire, ...options }, envelope, text())
      expect(result.status).toBe('failed')
      expect(result.error!.code).toBe(code)
      expect(result.error!.message).toMatch(message)
      expect(scripted.connections()).toBe(0)
      expect(wire.events.map((event) => event.kind)).toEqual(['error'])
    } finally {
      await scripted.close()
    }
  })
})
