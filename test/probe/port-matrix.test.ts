// The port matrix against local servers only: a port with STARTTLS, an implicit-TLS port,
// a closed port (refused at once) and a silent one (timeout), every mode on each.
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { probePortMatrix } from '../../main/smtp/index'
import { testPki, type TestPki } from '../support/test-ca'
import { startSmtpServer, type TestServer } from '../smtp/support/smtp-server'

let pki: TestPki
let starttls: TestServer
let implicit: TestServer
let silent: net.Server
let silentPort: number
let closedPort: number

async function freePort(): Promise<number> {
  const probe = net.createServer().listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

beforeAll(async () => {
  pki = await testPki()
  ;[starttls, implicit] = await Promise.all([startSmtpServer(), startSmtpServer({ secure: true })])
  // Accepts, reads and discards (so it sees the client leave), and never says a word.
  silent = net.createServer((socket) => socket.on('error', () => undefined).resume()).listen(0, '127.0.0.1')
  await once(silent, 'listening')
  silentPort = (silent.address() as AddressInfo).port
  closedPort = await freePort()
})
afterAll(async () => {
  await Promise.all([starttls.close(), implicit.close(), new Promise<void>((resolve) => silent.close(() => resolve()))])
})

describe('probePortMatrix', () => {
  it('gives one cell per port and mode: ok, refused, timeout or failed', async () => {
    const cells = await probePortMatrix({
      host: '127.0.0.1',
      ports: [starttls.port, implicit.port, closedPort, silentPort],
      ca: pki.ca.cert,
      timeoutMs: 1_500,
    })
    const grid = cells.map((cell) => `${cell.port === starttls.port ? 'starttls-port' : cell.port === implicit.port ? 'implicit-port' : cell.port === closedPort ? 'closed-port' : 'silent-port'} ${cell.security} ${cell.outcome}`)
    expect(grid).toEqual([
      'starttls-port none ok',
      'starttls-port starttls ok',
      // A TLS handshake sent to a port that greets in plaintext.
      'starttls-port implicit failed',
      // The implicit-TLS port waits for a ClientHello and never greets in plaintext.
      'implicit-port none timeout',
      'implicit-port starttls timeout',
      'implicit-port implicit ok',
      'closed-port none refused',
      'closed-port starttls refused',
      'closed-port implicit refused',
      'silent-port none timeout',
      'silent-port starttls timeout',
      'silent-port implicit timeout',
    ])
    const [plain, upgraded] = cells
    expect(plain).toMatchObject({ startTlsOffered: true, greeting: { code: 220 } })
    expect(plain!.tlsProtocol).toBeUndefined()
    expect(upgraded!.tlsProtocol).toMatch(/^TLSv1\.[23]$/)
    expect(cells[5]!.tlsProtocol).toMatch(/^TLSv1\.[23]$/)
    expect(cells[6]!.detail).toMatch(/connection refused/)
    expect(cells[2]!.detail).toMatch(/TLS handshake/)
  })
})
