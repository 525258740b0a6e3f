// Issue 14's extensions against scripted servers: BDAT forced and pipelined, REQUIRETLS,
// DSN, the null sender, pipelining turned off, and a hang-up at every step. Each script
// says exactly what the server reads; a client that writes anything else is a mismatch.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { afterEach, describe, expect, it } from 'vitest'
import { inspectRawFile, messageFactory, rawFileMessageFactory } from '../../main/message/index'
import type { ComposeModel } from '../../main/message/types'
import { parseCapabilities } from '../../main/smtp/capabilities'
import { sendMail } from '../../main/smtp/index'
import { capabilitiesForMessage } from '../../main/smtp/transaction'
import type { DropAfter, Envelope, MessageFactory, SendResult, SessionOptions } from '../../main/smtp/types'
import { testPki } from '../support/test-ca'
import { startScriptedServer, type ScriptedServer, type Step } from './support/scripted-server'
import { recordWire, type WireRecorder } from './support/wire'

const messageOf = (text: string): MessageFactory => () => ({
  open: async function* () {
    yield Buffer.from(text)
  },
  size: Buffer.byteLength(text),
  eightBit: false,
})

/** Greeting and a plain EHLO with the given extension lines. */
const hello = (...extensions: string[]): Step[] => [
  { send: '220 scripted ESMTP\r\n' },
  { expect: /^EHLO / },
  { send: ehloReply(extensions) },
]

const ehloReply = (extensions: string[]) =>
  extensions.length ? `250-scripted\r\n${extensions.map((e, i) => `250${i === extensions.length - 1 ? ' ' : '-'}${e}\r\n`).join('')}` : '250 scripted\r\n'

const mailAndRcpt: Step[] = [
  { expect: 'MAIL FROM:<a@example.test>' },
  { send: '250 2.1.0 ok\r\n' },
  { expect: 'RCPT TO:<b@example.test>' },
  { send: '250 2.1.5 ok\r\n' },
]

const quit: Step[] = [{ expect: 'QUIT' }, { send: '221 bye\r\n' }]

const ENVELOPE: Envelope = { from: 'a@example.test', to: ['b@example.test'] }

const tempFile = (name: string, bytes: Buffer): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'mailwire-binary-')), name)
  writeFileSync(path, bytes)
  return path
}

let server: ScriptedServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function run(
  script: Step[],
  options: Partial<SessionOptions> = {},
  envelope: Envelope = ENVELOPE,
  message: MessageFactory = messageOf('Subject: t\r\n\r\nhello\r\n'),
): Promise<{ result: SendResult; wire: WireRecorder; server: ScriptedServer }> {
  server = await startScriptedServer(script)
  const wire = recordWire()
  const result = await sendMail(
    { host: server.host, port: server.port, security: 'none', timeouts: { mail: 5000, rcpt: 5000, dataTermination: 5000 }, onWire: wire.onWire, ...options },
    envelope,
    message,
  )
  await server.finished
  return { result, wire, server }
}

/** One BDAT command and its bytes per chunk of `bytes`, `size` at a time, the last one LAST. */
function bdatSteps(bytes: Buffer, size: number, reply: (last: boolean) => Step[]): Step[] {
  const steps: Step[] = []
  for (let at = 0; at < bytes.length || at === 0; at += size) {
    const length = Math.min(size, bytes.length - at)
    const last = at + size >= bytes.length
    steps.push({ expect: `BDAT ${length}${last ? ' LAST' : ''}` }, { readBytes: length }, ...reply(last))
  }
  return steps
}

describe('BDAT (RFC 3030)', () => {
  // Leading dots would be doubled by DATA; BDAT carries them as they are. Bare LFs still become CRLF.
  const text = 'Subject: dots\n\n.one dot\n..two dots\n.\nend\n'
  const onTheWire = Buffer.from(text.replace(/\n/g, '\r\n'))

  it('force: chunks of --chunk-size to a server without CHUNKING, bytes as they are, the last one LAST', async () => {
    const script = [...hello(), ...mailAndRcpt, ...bdatSteps(onTheWire, 16, (last) => [{ send: last ? '250 2.0.0 queued as ABC123\r\n' : '250 2.0.0 chunk ok\r\n' }]), ...quit]
    const { result, wire, server } = await run(script, { chunking: 'force', chunkSize: 16 }, ENVELOPE, messageOf(text))
    expect(server.mismatches).toEqual([])
    expect(result.status).toBe('sent')
    expect(result.queueId).toBe('ABC123')
    expect(Buffer.concat(server.data)).toEqual(onTheWire)
    expect(server.written()).not.toMatch(/^DATA\r$/m)
    const chunks = Math.ceil(onTheWire.length / 16)
    expect(wire.lines().filter((line) => line.startsWith('C: BDAT '))).toHaveLength(chunks)
    expect(wire.lines()).toContain(`C: [chunk 1: 16 bytes of message, sent as they are]`)
    expect(wire.lines()).toContain(`C: BDAT ${onTheWire.length - (chunks - 1) * 16} LAST`)
  })

  it('auto with CHUNKING and PIPELINING: the chunks leave without waiting for each 250', async () => {
    // The server answers nothing until it has read both chunks: a client that waits for the
    // first 250 never sends the second, and the script ends in a mismatch.
    const script: Step[] = [
      ...hello('PIPELINING', 'CHUNKING'),
      { expect: 'MAIL FROM:<a@example.test>' },
      { expect: 'RCPT TO:<b@example.test>' },
      { send: '250 2.1.0 ok\r\n250 2.1.5 ok\r\n' },
      { expect: 'BDAT 32' },
      { readBytes: 32 },
      { expect: `BDAT ${onTheWire.length - 32} LAST` },
      { readBytes: onTheWire.length - 32 },
      { send: '250 2.0.0 chunk ok\r\n250 2.0.0 queued as DEF456\r\n' },
      ...quit,
    ]
    const { result, server } = await run(script, { chunking: 'auto', chunkSize: 32 }, ENVELOPE, messageOf(text))
    expect(server.mismatches).toEqual([])
    expect(result.status).toBe('sent')
    expect(Buffer.concat(server.data)).toEqual(onTheWire)
  })

  it('auto without CHUNKING offered: the classic DATA, dots doubled', async () => {
    const script: Step[] = [...hello(), ...mailAndRcpt, { expect: 'DATA' }, { send: '354 go\r\n' }, { readData: true }, { send: '250 ok\r\n' }, ...quit]
    const { result, server } = await run(script, { chunking: 'auto' }, ENVELOPE, messageOf(text))
    expect(server.mismatches).toEqual([])
    expect(result.status).toBe('sent')
    expect(server.data[0]!.toString()).toBe('Subject: dots\r\n\r\n..one dot\r\n...two dots\r\n..\r\nend\r\n.\r\n')
  })

  it('a refused chunk fails the message with that chunk named; no later chunk, then QUIT', async () => {
    const script: Step[] = [...hello(), ...mailAndRcpt, { expect: 'BDAT 16' }, { readBytes: 16 }, { send: '552 5.3.4 too big\r\n' }, ...quit]
    const { result, server } = await run(script, { chunking: 'force', chunkSize: 16 }, ENVELOPE, messageOf(text))
    expect(server.mismatches).toEqual([])
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'EMESSAGE', command: 'BDAT', reply: { code: 552 } })
    expect(result.error?.message).toMatch(/refused chunk 1 of the message: 552/)
  })
})

describe('BINARYMIME (RFC 3030 3)', () => {
  // Bytes that base64 exists to protect: NUL, bare CR and LF, a dot at a line start, 8-bit.
  const blob = Buffer.concat([Buffer.from('\0\r.\n.dot\r\n\xff\xfe', 'latin1'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256))])
  const model: ComposeModel = { from: 'a@example.test', to: ['b@example.test'], cc: [], bcc: [], headers: [], subject: 'binary', text: 'see attached', attachments: [{ filename: 'blob.bin', content: blob }] }
  const caps = (extensions: string[]) => parseCapabilities({ code: 250, lines: ['scripted', ...extensions] })
  const composed = async (extensions: string[], chunking: 'auto' | 'off') => {
    const factory = messageFactory(model, { date: new Date('2026-12-03T12:00:00Z'), messageId: 'binary@example.test' })
    const source = await factory(capabilitiesForMessage(caps(extensions), chunking))
    const parts: Uint8Array[] = []
    for await (const part of source.open()) parts.push(Buffer.from(part))
    return { factory, source, bytes: Buffer.concat(parts) }
  }
  const offered = ['PIPELINING', 'CHUNKING', 'BINARYMIME', '8BITMIME']

  it('with BINARYMIME and BDAT, an attachment goes as its raw bytes, declared BODY=BINARYMIME', async () => {
    const { factory, source, bytes } = await composed(offered, 'auto')
    expect(source.binary).toBe(true)
    const script: Step[] = [
      ...hello(...offered),
      { expect: 'MAIL FROM:<a@example.test> BODY=BINARYMIME' },
      { expect: 'RCPT TO:<b@example.test>' },
      { send: '250 2.1.0 ok\r\n250 2.1.5 ok\r\n' },
      ...bdatSteps(bytes, 1024, (last) => (last ? [{ send: '250 2.0.0 chunk ok\r\n'.repeat(Math.ceil(bytes.length / 1024) - 1) + '250 2.0.0 queued as BIN1\r\n' }] : [])),
      ...quit,
    ]
    const { result, server } = await run(script, { chunking: 'auto', chunkSize: 1024 }, ENVELOPE, factory)
    expect(server.mismatches).toEqual([])
    expect(result.status).toBe('sent')
    const arrived = Buffer.concat(server.data)
    expect(arrived).toEqual(bytes)
    expect(arrived.includes(blob)).toBe(true)
    const parsed = await simpleParser(arrived)
    expect(parsed.attachments[0]?.content).toEqual(blob)
    expect(arrived.toString('latin1')).toMatch(/Content-Transfer-Encoding: binary\r\n/)
  })

  it('without BINARYMIME offered the same attachment is base64 and MAIL has no BODY=BINARYMIME', async () => {
    const { source, bytes } = await composed(['CHUNKING'], 'auto')
    expect(source.binary).toBe(false)
    expect(bytes.includes(blob)).toBe(false)
    expect(bytes.toString('latin1')).toMatch(/Content-Transfer-Encoding: base64\r\n/)
  })

  it('with DATA (chunking off) BINARYMIME cannot apply: base64', async () => {
    const { source, bytes } = await composed(offered, 'off')
    expect(source.binary).toBe(false)
    expect(bytes.toString('latin1')).toMatch(/Content-Transfer-Encoding: base64\r\n/)
  })

  it('a binary file goes byte for byte, bare line ends and NUL kept', async () => {
    const raw = Buffer.concat([Buffer.from('From: a@example.test\r\nSubject: raw binary\r\n\r\n'), blob])
    const inspection = await inspectRawFile(tempFile('binary.eml', raw))
    expect(inspection.binary).toBe('contains a NUL character (U+0000)')
    const script: Step[] = [
      ...hello(...offered),
      { expect: 'MAIL FROM:<a@example.test> BODY=BINARYMIME' },
      { expect: 'RCPT TO:<b@example.test>' },
      { send: '250 2.1.0 ok\r\n250 2.1.5 ok\r\n' },
      { expect: `BDAT ${raw.length} LAST` },
      { readBytes: raw.length },
      { send: '250 2.0.0 queued as BIN2\r\n' },
      ...quit,
    ]
    const { result, server } = await run(script, { chunking: 'auto' }, ENVELOPE, rawFileMessageFactory(inspection))
    expect(server.mismatches).toEqual([])
    expect(result.status).toBe('sent')
    expect(Buffer.concat(server.data)).toEqual(raw)
  })

  it('a binary file to a server without BINARYMIME: refused before MAIL, nothing sent', async () => {
    const inspection = await inspectRawFile(tempFile('binary.eml', Buffer.from('Subject: x\r\n\r\na\0b\r\n')))
    const { result, server } = await run([...hello('PIPELINING', 'CHUNKING'), ...quit], { chunking: 'auto' }, ENVELOPE, rawFileMessageFactory(inspection))
    expect(server.mismatches).toEqual([])
    expect(result.status).toBe('failed')
    expect(result.error?.message).toMatch(/binary\.eml contains a NUL character \(U\+0000\): a binary message goes only as it is, in BDAT chunks with BODY=BINARYMIME/)
  })

  it('a source marked binary never goes through DATA', async () => {
    const binary: MessageFactory = () => ({ open: async function* () { yield blob }, size: blob.length, eightBit: true, binary: true })
    const { result, server } = await run([...hello(...offered), ...quit], { chunking: 'off' }, ENVELOPE, binary)
    expect(server.mismatches).toEqual([])
    expect(result.error).toMatchObject({ code: 'EMESSAGE', phase: 'mail' })
    expect(result.error?.message).toMatch(/only BDAT can carry \(RFC 3030 3\)/)
  })
})

describe('BDAT cancelled', () => {
  it('a cancel between chunks closes the connection: no more chunks, no QUIT, the send cancelled', async () => {
    const text = `Subject: long\r\n\r\n${'line of text\r\n'.repeat(200)}`
    // The server takes the first chunk and answers nothing: the client waits for its 250.
    server = await startScriptedServer([...hello(), ...mailAndRcpt, { expect: 'BDAT 64' }, { readBytes: 64 }, { waitForClose: true }])
    const controller = new AbortController()
    const running = sendMail(
      { host: server.host, port: server.port, security: 'none', chunking: 'force', chunkSize: 64, pipelining: 'off', signal: controller.signal },
      ENVELOPE,
      messageOf(text),
    )
    await server.until(() => server!.data.length === 1)
    controller.abort()
    const result = await running
    await server.finished
    expect(server.mismatches).toEqual([])
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'ECANCELLED' })
    const afterChunk = server.written().split('BDAT 64\r\n')[1]!.slice(64)
    expect(afterChunk).toBe('')
  })
})

describe('REQUIRETLS (RFC 8689)', () => {
  it('is refused before MAIL on a session without TLS: nothing after EHLO but QUIT', async () => {
    const { result, server } = await run([...hello('REQUIRETLS'), ...quit], {}, { ...ENVELOPE, requireTls: true })
    expect(server.mismatches).toEqual([])
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'EPOLICY' })
    expect(result.error?.message).toMatch(/REQUIRETLS .* this session has no TLS; nothing was sent/)
  })

  it('goes on MAIL FROM under STARTTLS when offered', async () => {
    const pki = await testPki()
    const script: Step[] = [
      ...hello('STARTTLS'),
      { expect: 'STARTTLS' },
      { send: '220 go ahead\r\n' },
      { startTls: true },
      { expect: /^EHLO / },
      { send: ehloReply(['REQUIRETLS']) },
      { expect: 'MAIL FROM:<a@example.test> REQUIRETLS' },
      { send: '250 ok\r\n' },
      { expect: 'RCPT TO:<b@example.test>' },
      { send: '250 ok\r\n' },
      { expect: 'DATA' },
      { send: '354 go\r\n' },
      { readData: true },
      { send: '250 ok\r\n' },
      ...quit,
    ]
    const { result, server } = await run(script, { host: 'localhost', security: 'starttls', ca: pki.ca.cert }, { ...ENVELOPE, requireTls: true })
    expect(server.mismatches).toEqual([])
    expect(result.status).toBe('sent')
  })

  it('not offered: refused before MAIL; forced: sent anyway, with a note in the log', async () => {
    const pki = await testPki()
    const tlsHello = (...caps: string[]): Step[] => [
      ...hello('STARTTLS'),
      { expect: 'STARTTLS' },
      { send: '220 go ahead\r\n' },
      { startTls: true },
      { expect: /^EHLO / },
      { send: ehloReply(caps) },
    ]
    const tlsOptions: Partial<SessionOptions> = { host: 'localhost', security: 'starttls', ca: pki.ca.cert }
    const refused = await run([...tlsHello(), ...quit], tlsOptions, { ...ENVELOPE, requireTls: true })
    expect(refused.server.mismatches).toEqual([])
    expect(refused.result.error).toMatchObject({ code: 'EENVELOPE' })
    expect(refused.result.error?.message).toMatch(/does not offer REQUIRETLS/)
    await server?.close()

    const script: Step[] = [...tlsHello(), { expect: 'MAIL FROM:<a@example.test> REQUIRETLS' }, { send: '555 5.5.4 unknown parameter\r\n' }, ...quit]
    const forced = await run(script, { ...tlsOptions, forceExtensions: true }, { ...ENVELOPE, requireTls: true })
    expect(forced.server.mismatches).toEqual([])
    expect(forced.result.error?.reply?.code).toBe(555)
    expect(forced.wire.lines()).toContain('I: the server does not offer REQUIRETLS: sending REQUIRETLS (RFC 8689) anyway, as asked')
  })
})

describe('DSN (RFC 3461) and the null sender', () => {
  it('puts RET and ENVID on MAIL, NOTIFY and an xtext ORCPT on each RCPT', async () => {
    const script: Step[] = [
      ...hello('DSN'),
      { expect: 'MAIL FROM:<a@example.test> RET=HDRS ENVID=run+2B1' },
      { send: '250 ok\r\n' },
      { expect: 'RCPT TO:<b+tag@example.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b+2Btag@example.test' },
      { send: '250 ok\r\n' },
      { expect: 'DATA' },
      { send: '354 go\r\n' },
      { readData: true },
      { send: '250 ok\r\n' },
      ...quit,
    ]
    const envelope: Envelope = { from: 'a@example.test', to: ['b+tag@example.test'], dsn: { ret: 'HDRS', envid: 'run+1', notify: ['SUCCESS', 'FAILURE'], orcpt: true } }
    const { result, server } = await run(script, {}, envelope)
    expect(server.mismatches).toEqual([])
    expect(result.status).toBe('sent')
  })

  it('refuses DSN options before MAIL when the server does not offer DSN', async () => {
    const { result, server } = await run([...hello(), ...quit], {}, { ...ENVELOPE, dsn: { notify: ['NEVER'] } })
    expect(server.mismatches).toEqual([])
    expect(result.error).toMatchObject({ code: 'EENVELOPE' })
    expect(result.error?.message).toMatch(/does not offer DSN/)
  })

  it('sends the null sender as MAIL FROM:<>', async () => {
    const script: Step[] = [
      ...hello(),
      { expect: 'MAIL FROM:<>' },
      { send: '250 ok\r\n' },
      { expect: 'RCPT TO:<b@example.test>' },
      { send: '250 ok\r\n' },
      { expect: 'DATA' },
      { send: '354 go\r\n' },
      { readData: true },
      { send: '250 ok\r\n' },
      ...quit,
    ]
    const { result, server } = await run(script, {}, { from: '', to: ['b@example.test'] })
    expect(server.mismatches).toEqual([])
    expect(result.status).toBe('sent')
  })
})

describe('pipelining off', () => {
  it('sends one command and waits for its reply, though the server offers PIPELINING', async () => {
    const script: Step[] = [
      ...hello('PIPELINING'),
      { expect: 'MAIL FROM:<a@example.test>' },
      { expectIdle: true },
      { send: '250 ok\r\n' },
      { expect: 'RCPT TO:<b@example.test>' },
      { expectIdle: true },
      { send: '250 ok\r\n' },
      { expect: 'DATA' },
      { send: '354 go\r\n' },
      { readData: true },
      { send: '250 ok\r\n' },
      ...quit,
    ]
    const { result, server } = await run(script, { pipelining: 'off' })
    expect(server.mismatches).toEqual([])
    expect(result.status).toBe('sent')
  })
})

describe('hanging up on purpose (--drop-after)', () => {
  // The script up to the step; then the server waits and must see the client close, with no QUIT.
  const upTo: Record<DropAfter, Step[]> = {
    connect: [],
    greeting: [{ send: '220 scripted ESMTP\r\n' }],
    ehlo: hello(),
    tls: [...hello('STARTTLS'), { expect: 'STARTTLS' }, { send: '220 go ahead\r\n' }, { startTls: true }, { expect: /^EHLO / }, { send: '250 scripted\r\n' }],
    auth: [...hello('AUTH PLAIN'), { expect: /^AUTH PLAIN / }, { send: '235 2.7.0 ok\r\n' }],
    mail: [...hello(), { expect: 'MAIL FROM:<a@example.test>' }, { send: '250 ok\r\n' }],
    rcpt: [...hello(), ...mailAndRcpt],
    data: [...hello(), ...mailAndRcpt, { expect: 'DATA' }, { send: '354 go\r\n' }],
    dot: [...hello(), ...mailAndRcpt, { expect: 'DATA' }, { send: '354 go\r\n' }, { readData: true }],
  }
  const lastWritten: Record<DropAfter, string> = {
    connect: '',
    greeting: '',
    ehlo: 'EHLO',
    tls: 'EHLO',
    auth: 'AUTH PLAIN',
    mail: 'MAIL FROM:<a@example.test>',
    rcpt: 'RCPT TO:<b@example.test>',
    data: 'DATA',
    // readData does not keep lines: the data read is checked below.
    dot: 'DATA',
  }

  it.each(Object.keys(upTo) as DropAfter[])('after %s: the server sees the close right there, and no QUIT', async (step) => {
    const pki = await testPki()
    const options: Partial<SessionOptions> = {
      dropAfter: step,
      ...(step === 'tls' ? { host: 'localhost', security: 'starttls', ca: pki.ca.cert } : {}),
      ...(step === 'auth' ? { auth: { user: 'u', password: 'p' }, allowPlaintextAuth: true } : {}),
    }
    const { result, wire, server } = await run([...upTo[step], { waitForClose: true }], options)
    expect(server.mismatches).toEqual([])
    expect(server.lines.at(-1) ?? '').toMatch(new RegExp(`^${lastWritten[step].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
    // Nothing after the step: each expect above read the last line the client wrote.
    expect(server.written()).not.toContain('QUIT')
    expect(result.stoppedAfter).toBe(step)
    expect(result.hungUp).toBe(true)
    expect(result.status).toBe(step === 'dot' ? 'unknown' : 'sent')
    expect(wire.lines().some((line) => line.startsWith('I: hanging up'))).toBe(true)
    if (step === 'dot') expect(server.data[0]!.toString()).toMatch(/hello\r\n\.\r\n$/)
  })
})
