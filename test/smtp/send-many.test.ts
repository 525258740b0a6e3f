// sendMany against smtp-server and scripted servers: many messages on one session, each with
// its own result; the next envelope in the same write as the previous final dot; refusals
// that do not end the batch (RSET where a transaction stays open); cancel; a lost connection.
import { afterEach, describe, expect, it } from 'vitest'
import { sendMany } from '../../main/smtp/index'
import type { BatchMessage, Envelope, MessageFactory, SessionOptions } from '../../main/smtp/types'
import { startRecordingProxy, turns, type RecordingProxy } from './support/recording-proxy'
import { startScriptedServer, type ScriptedServer, type Step } from './support/scripted-server'
import { startSmtpServer, type TestServer } from './support/smtp-server'
import { recordWire } from './support/wire'

const body = (n: number) => `Subject: message ${n}\r\n\r\nThis is message ${n}.\r\n.a line starting with a dot\r\n`

const text = (content: string, extra: { eightBit?: boolean } = {}): MessageFactory => () => ({
  open: async function* () {
    yield Buffer.from(content)
  },
  size: Buffer.byteLength(content),
  eightBit: extra.eightBit ?? false,
})

const envelope = (to: string[] = ['bob@example.test']): Envelope => ({ from: 'ann@example.test', to })
const numbered = (count: number, to?: string[]): BatchMessage[] =>
  Array.from({ length: count }, (_, n) => ({ envelope: envelope(to), message: text(body(n)) }))

let server: TestServer | undefined
let proxy: RecordingProxy | undefined
let scripted: ScriptedServer | undefined
afterEach(async () => {
  await proxy?.close()
  await server?.close()
  await scripted?.close()
  server = proxy = scripted = undefined
})

describe('sendMany', () => {
  it('sends every message on one connection, each with its own result, the next envelope behind each final dot', async () => {
    let connections = 0
    server = await startSmtpServer({
      hideSTARTTLS: true,
      onConnect(_session, callback) {
        connections++
        callback()
      },
    })
    proxy = await startRecordingProxy(server)
    const wire = recordWire()
    const seen: number[] = []
    const batch = await sendMany({ host: server.host, port: proxy.port, security: 'none', onWire: wire.onWire }, numbered(12), {
      onResult: (_result, index) => seen.push(index),
    })

    expect(batch.error).toBeUndefined()
    expect(batch.accepted).toBe(12)
    expect(seen).toEqual([...Array(12).keys()])
    expect(connections).toBe(1)
    expect(server.received.map((message) => message.raw.toString())).toEqual([...Array(12).keys()].map(body))
    batch.results.forEach((result, n) => {
      expect(result).toMatchObject({ status: 'sent', queueId: 'TESTQ1', finalReply: { code: 250 } })
      expect(result.recipients).toEqual([{ address: 'bob@example.test', accepted: true, reply: { code: 250, lines: ['Accepted'] } }])
      // The dot-stuffed body: one more byte for the line starting with a dot.
      expect(result.dataBytes).toBe(Buffer.byteLength(body(n)) + 1)
      expect(result.timings.map((timing) => timing.phase)).toEqual(['mail', 'rcpt', 'data'])
      expect(result.capabilities?.pipelining).toBe(true)
    })
    expect(batch.dataBytes).toBe(batch.results.reduce((sum, result) => sum + result.dataBytes, 0))

    // RFC 2920 3.1: message content may begin a group. Every message after the first has its
    // MAIL, RCPT and DATA in the client's turn that ends the previous message.
    const clientTurns = turns(proxy.segments).filter((turn) => turn.from === 'client')
    const behindDot = clientTurns.filter((turn) => /\r\n\.\r\nMAIL FROM:<ann@example\.test>\r\nRCPT TO:<bob@example\.test>\r\nDATA\r\n$/.test(turn.text))
    expect(behindDot).toHaveLength(11)

    // The wire log is complete and in order: every body line, each "." then the next MAIL.
    wire.events.forEach((event, index) => expect(event.seq).toBe(index))
    const client = wire.events.filter((event) => event.kind === 'client').map((event) => event.text)
    for (let n = 0; n < 12; n++) expect(client).toContain(`This is message ${n}.`)
    expect(client.filter((line) => line === '..a line starting with a dot')).toHaveLength(12)
    const dots = client.flatMap((line, index) => (line === '.' ? [index] : []))
    expect(dots).toHaveLength(12)
    for (const at of dots.slice(0, -1)) expect(client[at + 1]).toBe('MAIL FROM:<ann@example.test>')
  })

  it('goes on after a refused recipient, a partly refused envelope and a message refused at its final dot', async () => {
    server = await startSmtpServer({
      hideSTARTTLS: true,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString()
          if (raw.includes('REFUSE ME')) return callback(Object.assign(new Error('5.7.1 Content refused'), { responseCode: 554 }))
          server!.received.push({ from: '', to: [], raw: Buffer.concat(chunks), mailArgs: false, rcptArgs: [], secure: false })
          callback(null, 'Ok: queued as TESTQ2')
        })
      },
    })
    const wire = recordWire()
    const batch = await sendMany({ host: server.host, port: server.port, security: 'none', onWire: wire.onWire }, [
      { envelope: envelope(), message: text(body(0)) },
      { envelope: envelope(['reject-one@example.test']), message: text(body(1)) },
      { envelope: envelope(['reject-two@example.test', 'cy@example.test']), message: text(body(2)) },
      { envelope: envelope(), message: text('Subject: x\r\n\r\nREFUSE ME\r\n') },
      { envelope: envelope(), message: text(body(4)) },
    ])
    expect(batch.error).toBeUndefined()
    expect(batch.results.map((result) => result.status)).toEqual(['sent', 'refused', 'partial', 'failed', 'sent'])
    expect(batch.accepted).toBe(3)
    expect(batch.results[1]!.error).toMatchObject({ code: 'EENVELOPE', phase: 'rcpt' })
    expect(batch.results[2]!.recipients.map((recipient) => recipient.accepted)).toEqual([false, true])
    expect(batch.results[3]!.error).toMatchObject({ code: 'EMESSAGE', reply: { code: 554 } })
    expect(batch.results[3]!.finalReply).toMatchObject({ code: 554 })
    expect(server.received.map((message) => message.raw.toString())).toEqual([body(0), body(2), body(4)])
    // All recipients refused: the transaction is ended with RSET (RFC 5321 4.1.1.5), once.
    expect(wire.events.filter((event) => event.kind === 'client' && event.text === 'RSET')).toHaveLength(1)
  })

  it('hands each result to onResult only, keeping none, when asked not to keep them (a load of many copies)', async () => {
    server = await startSmtpServer({ hideSTARTTLS: true })
    const seen: Array<[number, string]> = []
    const batch = await sendMany({ host: server.host, port: server.port, security: 'none' }, numbered(5), {
      keepResults: false,
      onResult: (result, index) => seen.push([index, result.status]),
    })
    expect(seen).toEqual([...Array(5).keys()].map((index) => [index, 'sent']))
    expect(batch.results).toEqual([])
    expect(batch).toMatchObject({ accepted: 5 })
    expect(batch.dataBytes).toBeGreaterThan(0)
    expect(server.received).toHaveLength(5)
  })

  it('reads each envelope afresh, even when the caller changes one envelope object between messages', async () => {
    server = await startSmtpServer({ hideSTARTTLS: true })
    const shared: Envelope = { from: 'ann@example.test', to: ['first@example.test'] }
    function* messages(): Generator<BatchMessage> {
      for (const to of ['first@example.test', 'second@example.test', 'second@example.test', 'third@example.test']) {
        shared.to[0] = to
        yield { envelope: shared, message: text(body(0)) }
      }
      shared.from = 'cy@example.test'
      yield { envelope: shared, message: text(body(1)) }
      yield { envelope: { ...shared, dsn: { notify: ['NEVER'] } }, message: text(body(2)) }
    }
    const wire = recordWire()
    const batch = await sendMany({ host: server.host, port: server.port, security: 'none', onWire: wire.onWire }, messages())
    // The last asks for DSN, which this server does not offer: refused before its MAIL (RFC 3461), the rest sent.
    expect(batch.results.map((result) => result.status)).toEqual([...Array(5).fill('sent'), 'failed'])
    expect(batch.results[5]!.error?.message).toMatch(/does not offer DSN/)
    expect(batch.results.map((result) => result.recipients.map((recipient) => recipient.address))).toEqual([
      ['first@example.test'],
      ['second@example.test'],
      ['second@example.test'],
      ['third@example.test'],
      ['third@example.test'],
      [],
    ])
    expect(server.received.map((message) => [message.from, ...message.to])).toEqual([
      ['ann@example.test', 'first@example.test'],
      ['ann@example.test', 'second@example.test'],
      ['ann@example.test', 'second@example.test'],
      ['ann@example.test', 'third@example.test'],
      ['cy@example.test', 'third@example.test'],
    ])
    // Only the last one asked for DSN: planned on its own, refused once.
    expect(wire.events.filter((event) => /does not offer DSN/.test(event.text))).toHaveLength(1)
  })

  it('fails a message the server cannot take, or that cannot be composed, without writing it, and sends the rest', async () => {
    server = await startSmtpServer({ hideSTARTTLS: true, hide8BITMIME: true })
    const wire = recordWire()
    const batch = await sendMany({ host: server.host, port: server.port, security: 'none', onWire: wire.onWire }, [
      { envelope: envelope(), message: text('Subject: 8bit\r\n\r\nGrüße\r\n', { eightBit: true }) },
      {
        envelope: envelope(),
        message: () => {
          throw new Error('the template is broken')
        },
      },
      { envelope: envelope(['bad\r\nRCPT TO:<x@example.test>']), message: text(body(2)) },
      { envelope: envelope(), message: text(body(3)) },
    ])
    expect(batch.error).toBeUndefined()
    expect(batch.results.map((result) => [result.status, result.error?.code])).toEqual([
      ['failed', 'EMESSAGE'],
      ['failed', 'EMESSAGE'],
      ['failed', 'EENVELOPE'],
      ['sent', undefined],
    ])
    expect(batch.results[0]!.error!.message).toMatch(/8BITMIME/)
    expect(batch.results[1]!.error!.message).toMatch(/could not compose the message: the template is broken/)
    expect(server.received.map((message) => message.raw.toString())).toEqual([body(3)])
    const mails = wire.events.filter((event) => event.kind === 'client' && event.text.startsWith('MAIL FROM'))
    expect(mails).toHaveLength(1)
    expect(wire.events.filter((event) => event.kind === 'error').map((event) => event.text)).toHaveLength(3)
  })

  it('ends a transaction that DATA refused with RSET, then sends the next message', async () => {
    const hello: Step[] = [{ send: '220 scripted ESMTP\r\n' }, { expect: /^EHLO / }, { send: '250-scripted\r\n250 PIPELINING\r\n' }]
    const transaction: Step[] = [
      { expect: 'MAIL FROM:<ann@example.test>' },
      { expect: 'RCPT TO:<bob@example.test>' },
      { expect: 'DATA' },
    ]
    scripted = await startScriptedServer([
      ...hello,
      ...transaction,
      { send: '250 2.1.0 ok\r\n250 2.1.5 ok\r\n554 5.3.0 no data today\r\n' },
      { expect: 'RSET' },
      { send: '250 2.0.0 reset\r\n' },
      ...transaction,
      { send: '250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go\r\n' },
      { readData: true },
      { send: '250 2.0.0 queued as S2\r\n' },
      { expect: 'QUIT' },
      { send: '221 bye\r\n' },
      { waitForClose: true },
    ])
    const batch = await sendMany({ host: scripted.host, port: scripted.port, security: 'none' }, numbered(2))
    await scripted.finished
    expect(scripted.mismatches).toEqual([])
    expect(batch.error).toBeUndefined()
    expect(batch.results.map((result) => result.status)).toEqual(['failed', 'sent'])
    expect(batch.results[0]!.error).toMatchObject({ code: 'EMESSAGE', command: 'DATA', reply: { code: 554 } })
    expect(batch.results[1]!.queueId).toBe('S2')
    expect(scripted.data.map((data) => data.toString())).toEqual([`${body(1).replace('\r\n.a', '\r\n..a')}.\r\n`])
  })

  it('stops at a cancel: the message in flight fails, no later message is read or sent', async () => {
    server = await startSmtpServer({ hideSTARTTLS: true })
    const controller = new AbortController()
    let taken = 0
    let closed = false
    function* messages(): Generator<BatchMessage> {
      try {
        for (let n = 0; n < 50; n++) {
          taken++
          yield { envelope: envelope(), message: text(body(n)) }
        }
      } finally {
        closed = true
      }
    }
    const batch = await sendMany({ host: server.host, port: server.port, security: 'none', signal: controller.signal }, messages(), {
      onResult: (_result, index) => {
        if (index === 2) controller.abort()
      },
    })
    expect(batch.error).toMatchObject({ code: 'ECANCELLED' })
    expect(batch.results.slice(0, 3).map((result) => result.status)).toEqual(['sent', 'sent', 'sent'])
    // The next envelope had left with message 2's dot: that message gets its turn and fails.
    expect(batch.results.slice(3).map((result) => [result.status, result.error?.code])).toEqual([['failed', 'ECANCELLED']])
    expect(server.received).toHaveLength(3)
    expect(closed).toBe(true)
    expect(taken).toBeLessThan(10)
  })

  it('ends the batch when the connection is lost: the message written behind the last dot fails too', async () => {
    const hello: Step[] = [{ send: '220 scripted ESMTP\r\n' }, { expect: /^EHLO / }, { send: '250-scripted\r\n250 PIPELINING\r\n' }]
    scripted = await startScriptedServer([
      ...hello,
      { expect: 'MAIL FROM:<ann@example.test>' },
      { expect: 'RCPT TO:<bob@example.test>' },
      { expect: 'DATA' },
      { send: '250 ok\r\n250 ok\r\n354 go\r\n' },
      { readData: true },
      { send: '421 4.3.2 shutting down\r\n' },
      { close: true },
    ])
    const batch = await sendMany({ host: scripted.host, port: scripted.port, security: 'none' }, numbered(5))
    await scripted.finished
    expect(batch.results.map((result) => result.status)).toEqual(['failed', 'failed'])
    // A 421 to the final dot is a reply to it: not taken, so failed rather than unknown.
    expect(batch.results[0]!.finalReply).toMatchObject({ code: 421 })
    expect(batch.results[1]!.error).toMatchObject({ code: 'ECONNECT', temporary: true })
    expect(batch.error).toMatchObject({ code: 'ECONNECT', temporary: true })
  })

  it('logs every line as it crossed the wire, in order, when each body leaves with its dot at once', async () => {
    // In memory (`bytes`): the body is encoded and written with its dot and the next
    // envelope in one call, and its lines are logged after that write. The log must still
    // read as the conversation did: every line of both sides, in the order of the bytes.
    server = await startSmtpServer({ hideSTARTTLS: true })
    proxy = await startRecordingProxy(server)
    const wire = recordWire()
    const inMemory = (content: string, eightBit = false): MessageFactory => () => {
      const bytes = Buffer.from(content)
      return { open: async function* () {}, bytes, size: bytes.length, eightBit }
    }
    const contents = [body(0), 'Subject: caf\u00e9\r\n\r\nun caf\u00e9, d\u00e9j\u00e0\r\n..\r\n', body(2), 'Subject: no line end\r\n\r\nlast line', body(4)]
    const batch = await sendMany(
      { host: server.host, port: proxy.port, security: 'none', onWire: wire.onWire, dataLinesShown: 100 },
      contents.map((content, n) => ({ envelope: envelope(['bob@example.test', 'carol@example.test']), message: inMemory(content, n === 1) })),
    )

    expect(batch.results.map((result) => result.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent'])
    const onTheWire = turns(proxy.segments).flatMap((turn) =>
      turn.text
        .split('\r\n')
        .slice(0, -1)
        .map((line) => `${turn.from === 'client' ? 'C' : 'S'}: ${line}`),
    )
    const logged = wire.lines().filter((line) => line.startsWith('C: ') || line.startsWith('S: '))
    expect(logged).toEqual(onTheWire)
    // Four of the five envelopes went behind a final dot, and every line kept its time order.
    expect(onTheWire.filter((line, index) => line === 'C: .' && onTheWire[index + 1]?.startsWith('C: MAIL FROM:<ann@example.test>'))).toHaveLength(4)
    wire.events.forEach((event, index) => {
      expect(event.seq).toBe(index)
      if (index > 0) expect(event.at).toBeGreaterThanOrEqual(wire.events[index - 1]!.at)
    })
  })

  it('takes an async list; a list that fails ends the batch with an error', async () => {
    server = await startSmtpServer({ hideSTARTTLS: true })
    async function* slow(): AsyncGenerator<BatchMessage> {
      for (let n = 0; n < 3; n++) {
        await new Promise((resolve) => setImmediate(resolve))
        yield { envelope: envelope(), message: async (caps) => text(body(n), { eightBit: !caps.pipelining })(caps) }
      }
    }
    const ok = await sendMany({ host: server.host, port: server.port, security: 'none' }, slow())
    expect(ok.error).toBeUndefined()
    expect(ok.results.map((result) => result.status)).toEqual(['sent', 'sent', 'sent'])

    async function* broken(): AsyncGenerator<BatchMessage> {
      yield { envelope: envelope(), message: text(body(0)) }
      throw new Error('the queue file is unreadable')
    }
    const failed = await sendMany({ host: server.host, port: server.port, security: 'none' }, broken())
    expect(failed.results.map((result) => result.status)).toEqual(['sent'])
    expect(failed.error).toMatchObject({ code: 'EMESSAGE' })
    expect(failed.error!.message).toMatch(/could not get the next message to send: the queue file is unreadable/)
    expect(server.received).toHaveLength(4)
  })

  it('without PIPELINING sends one command at a time, with the same results', async () => {
    server = await startSmtpServer({ hideSTARTTLS: true, hidePIPELINING: true })
    proxy = await startRecordingProxy(server)
    const batch = await sendMany({ host: server.host, port: proxy.port, security: 'none' }, numbered(3, ['bob@example.test', 'cy@example.test']))
    expect(batch.results.map((result) => result.status)).toEqual(['sent', 'sent', 'sent'])
    const clientTurns = turns(proxy.segments).filter((turn) => turn.from === 'client')
    for (const turn of clientTurns) expect(turn.text).not.toMatch(/^(MAIL|RCPT)[^\r]*\r\n(MAIL|RCPT|DATA)/)
    // Nor the next envelope behind a final dot: that too is pipelining (RFC 2920 3.1).
    for (const turn of clientTurns) expect(turn.text).not.toMatch(/\r\n\.\r\n(MAIL|RCPT|DATA)/)
    expect(server.received).toHaveLength(3)
  })

  it('stops after a session step with quitAfter, and refuses quitAfter mail or rcpt', async () => {
    server = await startSmtpServer({ hideSTARTTLS: true })
    const options: SessionOptions = { host: server.host, port: server.port, security: 'none' }
    const stopped = await sendMany({ ...options, quitAfter: 'ehlo' }, numbered(3))
    expect(stopped).toMatchObject({ stoppedAfter: 'ehlo', results: [] })
    expect(stopped.error).toBeUndefined()
    const refused = await sendMany({ ...options, quitAfter: 'rcpt' }, numbered(3))
    expect(refused.error).toMatchObject({ code: 'EPROTOCOL' })
    expect(refused.error!.message).toMatch(/use sendMail/)
    expect(server.received).toHaveLength(0)
  })

  it('reports a session failure once, with no results', async () => {
    const closed = await startScriptedServer([])
    const port = closed.port
    await closed.close()
    const wire = recordWire()
    const batch = await sendMany({ host: '127.0.0.1', port, security: 'none', onWire: wire.onWire }, numbered(2))
    expect(batch.results).toEqual([])
    expect(batch.error).toMatchObject({ code: 'ECONNECT' })
    expect(wire.events.filter((event) => event.kind === 'error')).toHaveLength(1)
  })
})
