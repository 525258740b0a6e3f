// The way to the server: through a real SOCKS5 proxy (Debian's microsocks, with and
// without a login; socks5 and socks5h), through an HTTP CONNECT proxy, from a chosen
// source address, and with a HAProxy PROXY header first. The proxy password never shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { proxyHeaderV1, proxyHeaderV2 } from '../../main/smtp/proxy-protocol'
import { probeServer, sendMail } from '../../main/smtp/index'
import type { MessageFactory, SessionOptions } from '../../main/smtp/types'
import { hasMicrosocks, startMicrosocks, type Microsocks } from '../support/microsocks'
import { testPki } from '../support/test-ca'
import { startHttpConnectProxy } from './support/http-connect-proxy'
import { smtpServerForTest } from './support/smtp-server'
import { startScriptedServer } from './support/scripted-server'
import { recordWire } from './support/wire'

const pki = await testPki()
const LOGIN = { user: 'proxyuser', password: 'Proxy-Pass-91c2e' }
const message: MessageFactory = () => ({ open: async function* () { yield Buffer.from('Subject: via proxy\r\n\r\nhi\r\n') }, eightBit: false })
const envelope = { from: 'a@example.test', to: ['b@example.test'] }

/** A session to an smtp-server that records the client address each session came from. */
async function sendVia(options: Partial<SessionOptions>, serverOptions: Parameters<typeof smtpServerForTest>[0] = {}) {
  const clients: string[] = []
  const server = await smtpServerForTest({
    onConnect: (session, callback) => {
      clients.push(session.remoteAddress)
      callback()
    },
    ...serverOptions,
  })
  const wire = recordWire()
  const result = await sendMail({ host: 'localhost', port: server.port, security: 'starttls', ca: pki.ca.cert, onWire: wire.onWire, ...options }, envelope, message)
  return { result, wire, server, clients }
}

describe.skipIf(!hasMicrosocks() && !process.env['CI'])('SOCKS5 through microsocks', () => {
  let open: Microsocks
  let locked: Microsocks
  beforeAll(async () => {
    open = await startMicrosocks()
    locked = await startMicrosocks(LOGIN)
  })
  afterAll(async () => {
    await open?.stop()
    await locked?.stop()
  })

  it('socks5: the name resolved here, the hop shown as its own lines, the message delivered over STARTTLS', async () => {
    const { result, wire, server } = await sendVia({ proxy: { protocol: 'socks5', host: open.host, port: open.port } })
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    expect(server.received).toHaveLength(1)
    const lines = wire.lines()
    expect(lines).toContain(`I: through the SOCKS5 proxy at 127.0.0.1 port ${open.port}`)
    expect(lines).toContain(`I: connecting to 127.0.0.1 port ${open.port} (the proxy)`)
    expect(lines.some((line) => /^I: proxy: SOCKS5 CONNECT (127\.0\.0\.1|::1) port \d+$/.test(line))).toBe(true)
    expect(result.tls?.authorized).toBe(true)
  })

  it('socks5h: the proxy resolves the name', async () => {
    const { result, wire } = await sendVia({ proxy: { protocol: 'socks5h', host: open.host, port: open.port } })
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    expect(wire.lines().some((line) => /^I: proxy: SOCKS5 CONNECT localhost port \d+$/.test(line))).toBe(true)
    expect(wire.lines().some((line) => line.startsWith('I: resolving localhost'))).toBe(false)
  })

  it('with a login: refused without the password, accepted with it, and the password never shows', async () => {
    const refused = await sendVia({ proxy: { protocol: 'socks5', host: locked.host, port: locked.port, user: LOGIN.user, password: 'wrong-wrong' } })
    expect(refused.result.error).toMatchObject({ code: 'ECONNECT' })
    expect(refused.result.error!.message).toMatch(/SOCKS5 proxy .* did not open a tunnel/)
    const { result, wire } = await sendVia({ proxy: { protocol: 'socks5', host: locked.host, port: locked.port, ...LOGIN } })
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    expect(wire.lines().some((line) => line.includes(`as ${LOGIN.user}`))).toBe(true)
    for (const text of [wire.dump(), JSON.stringify(result)]) {
      expect(text).not.toContain(LOGIN.password)
      expect(text).not.toContain(Buffer.from(LOGIN.password).toString('base64'))
    }
  })

  it('implicit TLS through the proxy', async () => {
    const server = await smtpServerForTest({ secure: true })
    const result = await probeServer({ host: 'localhost', port: server.port, security: 'implicit', ca: pki.ca.cert, proxy: { protocol: 'socks5', host: open.host, port: open.port } })
    expect(result.error, JSON.stringify(result.error)).toBeUndefined()
    expect(result.tls?.authorized).toBe(true)
  })
})

describe('HTTP CONNECT', () => {
  it('tunnels the session, with a Basic login that is masked', async () => {
    const proxy = await startHttpConnectProxy(LOGIN)
    try {
      const { result, wire, server } = await sendVia({ proxy: { protocol: 'http', host: proxy.host, port: proxy.port, ...LOGIN } })
      expect(result.status, JSON.stringify(result.error)).toBe('sent')
      expect(server.received).toHaveLength(1)
      expect(proxy.requests[0]!.target).toMatch(/^(127\.0\.0\.1|\[::1\]):\d+$/)
      const lines = wire.lines()
      expect(lines.some((line) => /^I: proxy: CONNECT \S+ HTTP\/1\.1$/.test(line))).toBe(true)
      expect(lines).toContain('I: proxy: Proxy-Authorization: Basic ****')
      expect(lines).toContain('I: proxy: HTTP/1.1 200 Connection established')
      const basic = Buffer.from(`${LOGIN.user}:${LOGIN.password}`).toString('base64')
      for (const text of [wire.dump(), JSON.stringify(result)]) {
        expect(text).not.toContain(LOGIN.password)
        expect(text).not.toContain(basic)
      }
      const refused = await sendVia({ proxy: { protocol: 'http', host: proxy.host, port: proxy.port, user: LOGIN.user, password: 'bad' } })
      expect(refused.result.error).toMatchObject({ code: 'ECONNECT' })
      expect(refused.result.error!.message).toMatch(/407/)
    } finally {
      await proxy.close()
    }
  })

  it('keeps a greeting that arrives in the same packet as the proxy\'s answer', async () => {
    const target = await startScriptedServer([{ send: '220 x ESMTP\r\n' }, { expect: 'QUIT' }, { send: '221 bye\r\n' }])
    const { createServer } = await import('node:net')
    // A proxy that answers CONNECT and the greeting in one write.
    const proxy = createServer((socket) => {
      socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\n\r\n220 fast.test ESMTP\r\n'))
      socket.on('error', () => undefined)
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    const port = (proxy.address() as { port: number }).port
    const wire = recordWire()
    await sendMail({ host: '127.0.0.1', port: target.port, security: 'none', proxy: { protocol: 'http', host: '127.0.0.1', port }, quitAfter: 'greeting', onWire: wire.onWire }, envelope, message)
    expect(wire.lines()).toContain('S: 220 fast.test ESMTP')
    proxy.close()
    await target.close()
  })
})

describe('source address and PROXY header', () => {
  it('--local-address binds our end, shown in the "connected" line', async () => {
    const { result, wire, clients } = await sendVia({ host: '127.0.0.1', localAddress: '127.0.0.2' })
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    expect(clients[0]).toBe('127.0.0.2')
    expect(wire.lines().some((line) => /^I: connected to 127\.0\.0\.1 port \d+ from 127\.0\.0\.2 port \d+$/.test(line))).toBe(true)
  })

  it('a PROXY v1 header claims a client address that the server believes', async () => {
    const { result, wire, clients } = await sendVia(
      { host: '127.0.0.1', proxyHeader: { version: 'v1', source: { address: '192.0.2.7', port: 40000 } } },
      { useProxy: true },
    )
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    expect(clients[0]).toBe('192.0.2.7')
    expect(wire.lines().some((line) => /^C: PROXY TCP4 192\.0\.2\.7 127\.0\.0\.1 40000 \d+$/.test(line))).toBe(true)
  })

  it('the header bytes, v1 and v2, IPv4 and IPv6', () => {
    const v4 = { source: { address: '192.0.2.7', port: 40000 }, destination: { address: '127.0.0.1', port: 25 } }
    expect(proxyHeaderV1(v4).toString()).toBe('PROXY TCP4 192.0.2.7 127.0.0.1 40000 25\r\n')
    expect(proxyHeaderV2(v4).toString('hex')).toBe('0d0a0d0a000d0a515549540a' + '21' + '11' + '000c' + 'c0000207' + '7f000001' + '9c40' + '0019')
    const v6 = { source: { address: '2001:db8::1', port: 1 }, destination: { address: '::1', port: 2 } }
    expect(proxyHeaderV1(v6).toString()).toBe('PROXY TCP6 2001:db8::1 ::1 1 2\r\n')
    expect(proxyHeaderV2(v6).toString('hex')).toBe(
      '0d0a0d0a000d0a515549540a' + '21' + '21' + '0024' + '20010db8000000000000000000000001' + '00000000000000000000000000000001' + '0001' + '0002',
    )
  })
})
