// Cancel in every state: the socket is closed, timers are cleared, the result settles once
// with ECANCELLED (status unknown when the final dot was already sent), nothing after it.
import { describe, expect, it } from 'vitest'
import { sendMail } from '../../main/smtp/index'
import type { MessageFactory, MessageSource, SendResult, SessionOptions } from '../../main/smtp/types'
import { startScriptedServer, type ScriptedServer, type Step } from './support/scripted-server'
import { recordWire, type WireRecorder } from './support/wire'

const small: MessageFactory = () => ({
  open: async function* () {
    yield Buffer.from('Subject: c\r\n\r\nbody\r\n')
  },
  eightBit: false,
})

const activeTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length

const hello: Step[] = [{ send: '220 x ESMTP\r\n' }, { expect: /^EHLO / }, { send: '250 x\r\n' }]
const toData: Step[] = [
  { expect: /^MAIL FROM/ },
  { send: '250 ok\r\n' },
  { expect: /^RCPT TO/ },
  { send: '250 ok\r\n' },
  { expect: 'DATA' },
  { send: '354 go\r\n' },
]

interface Outcome {
  result: SendResult
  wire: WireRecorder
  server: ScriptedServer
}

/** Run a session against `script`; abort once `when` resolves. */
async function cancelWhen(
  script: Step[],
  when: (server: ScriptedServer, wire: WireRecorder) => Promise<unknown>,
  options: Partial<SessionOptions> = {},
  message: MessageFactory = small,
): Promise<Outcome> {
  const server = await startScriptedServer(script)
  const wire = recordWire()
  const controller = new AbortController()
  const timersBefore = activeTimers()
  try {
    const pending = sendMail(
      { host: server.host, port: server.port, security: 'none', signal: controller.signal, onWire: wire.onWire, ...options },
      { from: 'a@example.test', to: ['b@example.test'] },
      message,
    )
    try {
      await when(server, wire)
    } finally {
      // Also when `when` failed: a session left running would never end the test run.
      controller.abort()
    }
    const result = await pending
    const eventsAtResult = wire.events.length
    server.resumeReading()
    // The client really closed the socket, and nothing happened after the result.
    if (server.connections() > 0) await server.finished
    expect(wire.events.length).toBe(eventsAtResult)
    expect(activeTimers()).toBeLessThanOrEqual(timersBefore)
    expect(wire.events.filter((event) => event.kind === 'error')).toHaveLength(1)
    expect(result.error!.code).toBe('ECANCELLED')
    return { result, wire, server }
  } finally {
    await server.close()
  }
}

const sawLine = (pattern: RegExp) => (server: ScriptedServer) => server.until(() => server.lines.some((line) => pattern.test(line)))

/** Resolves once the predicate holds, checked on each turn of the event loop. */
async function eventually(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise<void>((resolve) => setImmediate(resolve))
}

/**
 * Libuv holds a write the kernel would not take: the socket is backed up. (An active
 * WriteWrap request exists only while a write waits for the socket to become writable.)
 */
const writeHeldBack = () => process.getActiveResourcesInfo().some((resource) => /WriteWrap$/.test(resource))

describe('cancel', () => {
  it('before the session starts: nothing is opened', async () => {
    const server = await startScriptedServer(hello)
    const timersBefore = activeTimers()
    try {
      const result = await sendMail(
        { host: server.host, port: server.port, security: 'none', signal: AbortSignal.abort() },
        { from: 'a@example.test', to: ['b@example.test'] },
        small,
      )
      expect(result).toMatchObject({ status: 'failed', error: { code: 'ECANCELLED', phase: 'connect' } })
      expect(server.connections()).toBe(0)
      expect(activeTimers()).toBeLessThanOrEqual(timersBefore)
    } finally {
      await server.close()
    }
  })

  it('while connecting (address)', async () => {
    const { result } = await cancelWhen(hello, async () => undefined)
    expect(result).toMatchObject({ status: 'failed', error: { phase: 'connect' } })
  })

  it('while resolving a host name', async () => {
    const { result, server } = await cancelWhen(hello, async () => undefined, { host: 'localhost' })
    expect(result).toMatchObject({ status: 'failed', error: { phase: 'connect' } })
    expect(server.connections()).toBe(0)
  })

  it('during the TLS handshake', async () => {
    const { result } = await cancelWhen([], (server) => server.until(() => server.written().length > 0), { security: 'implicit' })
    expect(result).toMatchObject({ status: 'failed', error: { phase: 'connect' } })
    expect(result.tls).toBeUndefined()
  })

  it('while waiting for the greeting', async () => {
    // Connected on our side (not only accepted on the server's), so the greeting is awaited.
    const { result } = await cancelWhen([], (_server, wire) => eventually(() => wire.events.some((event) => event.text.startsWith('connected to '))))
    expect(result).toMatchObject({ status: 'failed', error: { phase: 'greeting' } })
  })

  it('while waiting for a reply', async () => {
    const { result } = await cancelWhen([{ send: '220 x\r\n' }, { expect: /^EHLO / }], sawLine(/^EHLO /))
    expect(result).toMatchObject({ status: 'failed', error: { phase: 'ehlo' } })
  })

  it('while the message factory works', async () => {
    let asked!: () => void
    const askedPromise = new Promise<void>((resolve) => (asked = resolve))
    const never: MessageFactory = () => {
      asked()
      return new Promise<MessageSource>(() => undefined)
    }
    const { result, server } = await cancelWhen(hello, () => askedPromise, {}, never)
    expect(result.status).toBe('failed')
    expect(server.written()).not.toMatch(/MAIL/)
  })

  it('mid-DATA, waiting for the message source', async () => {
    let started!: () => void
    const streaming = new Promise<void>((resolve) => (started = resolve))
    const stuck: MessageFactory = () => ({
      open: async function* () {
        yield Buffer.from('Subject: stuck\r\n\r\nfirst line\r\n')
        started()
        await new Promise(() => undefined)
      },
      eightBit: false,
    })
    const { result, server } = await cancelWhen([...hello, ...toData], () => streaming, {}, stuck)
    expect(result).toMatchObject({ status: 'failed', error: { phase: 'data' } })
    expect(server.written()).not.toMatch(/\r\n\.\r\n$/)
  })

  it('mid-DATA, with the socket backed up', async () => {
    let produced = 0
    const huge: MessageFactory = () => ({
      open: async function* () {
        const line = Buffer.from(`${'z'.repeat(998)}\r\n`)
        for (;;) {
          yield line
          produced += line.length
        }
      },
      eightBit: false,
    })
    // The server reads nothing after the 354: the kernel's buffers fill, then a write waits,
    // and the source is read no further while it waits (a line or two already in hand).
    const backedUp = async () => {
      await eventually(() => produced > 0 && writeHeldBack())
      const atBackup = produced
      for (let turn = 0; turn < 100; turn++) await new Promise<void>((resolve) => setImmediate(resolve))
      expect(writeHeldBack()).toBe(true)
      expect(produced - atBackup).toBeLessThanOrEqual(16 * 1024)
    }
    const { result } = await cancelWhen([...hello, ...toData, { stopReading: true }], backedUp, {}, huge)
    expect(result).toMatchObject({ status: 'failed', error: { phase: 'data' } })
    expect(result.dataBytes).toBeGreaterThan(0)
  })

  it('after the final dot: status unknown', async () => {
    const { result } = await cancelWhen([...hello, ...toData, { readData: true }], (server) => server.until(() => server.data.length === 1))
    expect(result.status).toBe('unknown')
    expect(result.error!.message).toMatch(/may have been delivered/)
  })
})
