// One scripted server per fault, each asserting the exact outcome and what the client wrote.
import { afterEach, describe, expect, it } from 'vitest'
import { sendMail } from '../../main/smtp/index'
import type { MessageFactory, SendResult, SessionOptions, Timeouts } from '../../main/smtp/types'
import { startScriptedServer, type ScriptedServer, type Step } from './support/scripted-server'
import { recordWire, type WireRecorder } from './support/wire'

const message = (body = 'Subject: t\r\n\r\nhello\r\n'): MessageFactory => () => ({
  open: async function* () {
    yield Buffer.from(body)
  },
  size: Buffer.byteLength(body),
  eightBit: false,
})

/** Greeting and a plain EHLO with the given extension lines. */
const hello = (...extensions: string[]): Step[] => [
  { send: '220 scripted ESMTP\r\n' },
  { expect: /^EHLO / },
  { send: extensions.length ? `250-scripted\r\n${extensions.map((e, i) => `250${i === extensions.length - 1 ? ' ' : '-'}${e}\r\n`).join('')}` : '250 scripted\r\n' },
]

const envelopeToData: Step[] = [
  { expect: 'MAIL FROM:<a@example.test>' },
  { send: '250 2.1.0 ok\r\n' },
  { expect: 'RCPT TO:<b@example.test>' },
  { send: '250 2.1.5 ok\r\n' },
  { expect: 'DATA' },
  { send: '354 go\r\n' },
]

let server: ScriptedServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function run(
  script: Step[],
  options: Partial<SessionOptions> & { timeouts?: Partial<Timeouts> } = {},
  body?: MessageFactory,
): Promise<{ result: SendResult; wire: WireRecorder; server: ScriptedServer }> {
  server = await startScriptedServer(script)
  const wire = recordWire()
  const result = await sendMail(
    { host: server.host, port: server.port, security: 'none', onWire: wire.onWire, ...options },
    { from: 'a@example.test', to: ['b@example.test'] },
    body ?? message(),
  )
  await server.finished
  return { result, wire, server }
}

describe('faults', () => {
  it('421 at the greeting: temporary failure, no RSET or QUIT, socket closed', async () => {
    const { result, wire, server } = await run([{ send: '421 4.3.2 too busy, try later\r\n' }])
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'ECONNECT', temporary: true, phase: 'greeting' })
    expect(result.error!.reply).toEqual({ code: 421, enhanced: '4.3.2', lines: ['too busy, try later'] })
    expect(server.written()).toBe('')
    expect(wire.events.filter((event) => event.kind === 'client')).toEqual([])
  })

  it('421 in the middle of the session: no RSET or QUIT after it', async () => {
    const { result, server } = await run([...hello(), { expect: /^MAIL FROM/ }, { send: '421 4.4.2 timeout, closing\r\n' }])
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'ECONNECT', temporary: true, phase: 'mail' })
    expect(result.error!.reply!.code).toBe(421)
    expect(server.written()).not.toMatch(/RSET|QUIT/)
  })

  it('a garbage greeting is a protocol error, nothing written', async () => {
    const { result, server } = await run([{ send: 'HTTP/1.1 400 Bad Request\r\n' }])
    expect(result.status).toBe('failed')
    expect(result.error!.code).toBe('EPROTOCOL')
    expect(result.error!.message).toMatch(/not an SMTP reply.*HTTP\/1.1 400/)
    expect(server.written()).toBe('')
  })

  it('a 554 greeting: refused session, QUIT sent', async () => {
    const { result, server } = await run([{ send: '554 5.7.1 no service for you\r\n' }, { expect: 'QUIT' }, { send: '221 bye\r\n' }])
    expect(result.error).toMatchObject({ code: 'ECONNECT', phase: 'greeting' })
    expect(server.mismatches).toEqual([])
  })

  it('silence at the greeting times out', async () => {
    const { result, server } = await run([], { timeouts: { greeting: 200 } })
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'ETIMEOUT', phase: 'greeting' })
    expect(result.error!.message).toMatch(/no greeting/)
    expect(server.written()).toBe('')
  })

  it('the server closing mid-DATA fails the send (the final dot was never written)', async () => {
    const big = `Subject: big\r\n\r\n${'x'.repeat(78)}\r\n`.repeat(200_000)
    const { result } = await run([...hello(), ...envelopeToData, { close: true }], {}, message(big))
    expect(result.status).toBe('failed')
    expect(result.error!.code).toBe('ECONNECT')
    expect(result.error!.phase).toBe('data')
    expect(result.finalReply).toBeUndefined()
  })

  it('no reply after the final dot: status unknown (may have been delivered)', async () => {
    const { result, server, wire } = await run([...hello(), ...envelopeToData, { readData: true }], {
      timeouts: { dataTermination: 300 },
    })
    expect(result.status).toBe('unknown')
    expect(result.error).toMatchObject({ code: 'ETIMEOUT', phase: 'data', command: '.' })
    expect(server.data[0]!.toString()).toBe('Subject: t\r\n\r\nhello\r\n.\r\n')
    expect(wire.lines()).toContain('C: .')
  })

  it('421 to the final dot: failed (the message was not taken), reply kept', async () => {
    const { result, server } = await run([...hello(), ...envelopeToData, { readData: true }, { send: '421 4.3.0 shutting down\r\n' }])
    expect(result.status).toBe('failed')
    expect(result.finalReply!.code).toBe(421)
    expect(result.error).toMatchObject({ code: 'ECONNECT', temporary: true, command: '.' })
    expect(server.written()).not.toMatch(/QUIT/)
  })

  it('a server that stops reading the body: data block timeout', async () => {
    const big = `${'w'.repeat(998)}\r\n`.repeat(20_000)
    server = await startScriptedServer([...hello(), ...envelopeToData, { stopReading: true }])
    const result = await sendMail(
      { host: server.host, port: server.port, security: 'none', timeouts: { dataBlock: 300 } },
      { from: 'a@example.test', to: ['b@example.test'] },
      message(big),
    )
    server.resumeReading()
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'ETIMEOUT', phase: 'data' })
    expect(result.error!.message).toMatch(/accepted no message data for 0.3 s/)
  })

  it('the server closing after the final dot without a reply: status unknown', async () => {
    const { result } = await run([...hello(), ...envelopeToData, { readData: true }, { close: true }])
    expect(result.status).toBe('unknown')
    expect(result.error!.code).toBe('ECONNECT')
  })

  it('a 300 kB reply line is a protocol error (refused at the cap)', async () => {
    const { result, wire } = await run([{ send: '220 ok\r\n' }, { expect: /^EHLO / }, { send: `250-${'x'.repeat(300_000)}\r\n250 ok\r\n` }])
    expect(result.status).toBe('failed')
    expect(result.error!.code).toBe('EPROTOCOL')
    expect(result.error!.message).toMatch(/longer than 8192 bytes/)
    // Nothing of the long line reached the wire log as a server line.
    expect(wire.events.every((event) => event.text.length < 1000)).toBe(true)
  })

  it('lines injected after the STARTTLS 220 fail the session and are not processed', async () => {
    const { result, server, wire } = await run(
      [
        ...hello('STARTTLS'),
        { expect: 'STARTTLS' },
        { send: '220 2.0.0 go ahead\r\n250-INJECTED\r\n250 AUTH PLAIN\r\n' },
      ],
      { security: 'starttls' },
    )
    expect(result.status).toBe('failed')
    expect(result.error!.code).toBe('EPROTOCOL')
    expect(result.error!.message).toMatch(/after its 220 reply to STARTTLS/)
    expect(wire.dump()).not.toContain('INJECTED')
    expect(result.tls).toBeUndefined()
    // Nothing after STARTTLS: no plaintext EHLO, no TLS ClientHello.
    expect(server.written()).toMatch(/STARTTLS\r\n$/)
  })

  it('an injected partial line after the STARTTLS 220 also fails', async () => {
    const { result } = await run([...hello('STARTTLS'), { expect: 'STARTTLS' }, { send: '220 go ahead\r\n25' }], {
      security: 'starttls',
    })
    expect(result.error!.code).toBe('EPROTOCOL')
  })

  it('lines injected after the STARTTLS 220 in a later segment never pass as replies: the handshake fails', async () => {
    const { result, wire } = await run(
      [
        ...hello('STARTTLS'),
        { expect: 'STARTTLS' },
        { send: '220 2.0.0 go ahead\r\n' },
        // By now the client reads TLS records: this plaintext is no reply to anything.
        { send: '250-INJECTED\r\n250 AUTH PLAIN\r\n' },
        { waitForClose: true },
      ],
      { security: 'starttls', auth: { user: 'ann', password: 'never-sent-4711' }, allowPlaintextAuth: false },
    )
    expect(result.status).toBe('failed')
    expect(['ETLS', 'EPROTOCOL']).toContain(result.error!.code)
    expect(wire.dump()).not.toContain('INJECTED')
    expect(result.tls).toBeUndefined()
    expect(server!.written()).not.toContain('AUTH')
    expect(server!.written()).not.toMatch(/EHLO[^]*EHLO/)
  })

  it('EHLO refused: falls back to HELO and sends without extensions', async () => {
    const { result, server } = await run([
      { send: '220 old server\r\n' },
      { expect: /^EHLO / },
      { send: '502 5.5.2 command not recognized\r\n' },
      { expect: /^HELO / },
      { send: '250 hello\r\n' },
      ...envelopeToData,
      { readData: true },
      { send: '250 OK id=1abc-XYZ\r\n' },
      { expect: 'QUIT' },
      { send: '221 bye\r\n' },
      { close: true },
    ])
    expect(server.mismatches).toEqual([])
    expect(result.status).toBe('sent')
    expect(result.capabilities!.helo).toBe(true)
    expect(result.queueId).toBe('1abc-XYZ')
  })

  it('EHLO and HELO both refused: protocol failure', async () => {
    const { result } = await run([
      { send: '220 x\r\n' },
      { expect: /^EHLO / },
      { send: '500 no\r\n' },
      { expect: /^HELO / },
      { send: '500 no\r\n' },
      { expect: 'QUIT' },
      { send: '221 bye\r\n' },
    ])
    expect(result.error).toMatchObject({ code: 'EPROTOCOL', phase: 'ehlo' })
  })

  it('an unsolicited reply is a protocol error', async () => {
    const { result, server } = await run([{ send: '220 hi\r\n250 nobody asked\r\n' }])
    expect(result.error!.code).toBe('EPROTOCOL')
    expect(result.error!.message).toMatch(/nobody asked for.*250 nobody asked/)
    expect(server.written()).toBe('')
  })

  it('a reply during the body is a protocol error, and the dot is never sent', async () => {
    const big = `${'y'.repeat(998)}\r\n`.repeat(20_000)
    const { result, server } = await run(
      [...hello(), ...envelopeToData, { send: '554 5.6.0 stop right there\r\n' }, { readData: true }],
      {},
      message(big),
    )
    expect(result.status).toBe('failed')
    expect(result.error!.code).toBe('EPROTOCOL')
    expect(server.written()).not.toMatch(/\r\n\.\r\n$/)
  })

  it('a refused MAIL FROM: failed with EENVELOPE, QUIT', async () => {
    const { result, server } = await run([
      ...hello(),
      { expect: /^MAIL FROM/ },
      { send: '553 5.1.7 bad sender\r\n' },
      { expect: 'QUIT' },
      { send: '221 bye\r\n' },
    ])
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'EENVELOPE', phase: 'mail', command: 'MAIL FROM:<a@example.test>' })
    expect(server.mismatches).toEqual([])
  })

  it('DATA refused: failed with EMESSAGE and the DATA reply as final reply', async () => {
    const { result } = await run([
      ...hello(),
      ...envelopeToData.slice(0, 5),
      { send: '451 4.3.0 try later\r\n' },
      { expect: 'QUIT' },
      { send: '221 bye\r\n' },
    ])
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'EMESSAGE', temporary: true })
    expect(result.finalReply!.code).toBe(451)
  })

  it('the final dot refused: failed with the reply', async () => {
    const { result } = await run([...hello(), ...envelopeToData, { readData: true }, { send: '554 5.7.1 spam\r\n' }, { expect: 'QUIT' }, { send: '221 bye\r\n' }])
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'EMESSAGE', command: '.' })
    expect(result.finalReply).toEqual({ code: 554, enhanced: '5.7.1', lines: ['spam'] })
  })

  it('no 221 after QUIT is no error after a successful send', async () => {
    const { result, wire } = await run([...hello(), ...envelopeToData, { readData: true }, { send: '250 ok\r\n' }, { expect: 'QUIT' }], {
      timeouts: { quit: 200 },
    })
    expect(result.status).toBe('sent')
    expect(result.error).toBeUndefined()
    expect(wire.events.some((event) => event.kind === 'error')).toBe(false)
  })

  it('connection refused is said plainly', async () => {
    const closed = await startScriptedServer([])
    const port = closed.port
    await closed.close()
    const result = await sendMail(
      { host: '127.0.0.1', port, security: 'none' },
      { from: 'a@example.test', to: ['b@example.test'] },
      message(),
    )
    expect(result.error).toMatchObject({ code: 'ECONNECT', phase: 'connect' })
    expect(result.error!.message).toMatch(/connection refused/)
  })

  it('a name that does not resolve is said plainly', async () => {
    const result = await sendMail(
      { host: 'no-such-host.invalid', port: 25, security: 'none', timeouts: { connect: 5000 } },
      { from: 'a@example.test', to: ['b@example.test'] },
      message(),
    )
    expect(result.error).toMatchObject({ code: 'ECONNECT', phase: 'connect' })
    expect(result.error!.message).toMatch(/cannot resolve no-such-host.invalid/)
  })
})
