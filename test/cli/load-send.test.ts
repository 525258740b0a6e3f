// `mailwire send --repeat N --connections C` in-process against a real smtp-server that
// refuses every 5th recipient and turns down every 7th message at the dot: the counts, the
// codes and one transcript per kind of failure; --json as one object; the loopback rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmtpServer, type TestServer } from '../smtp/support/smtp-server'
import { cli, reasonLines } from './support/capture-io'
import { freePort } from '../support/free-port'

let server: TestServer
let rcpts = 0
let messages = 0

beforeAll(async () => {
  server = await startSmtpServer({
    hideSTARTTLS: true,
    onRcptTo(_address, _session, callback) {
      if (++rcpts % 5 === 0) return callback(Object.assign(new Error(`5.1.1 Mailbox ${rcpts} unavailable`), { responseCode: 550 }))
      callback()
    },
    onData(stream, _session, callback) {
      stream.resume()
      stream.on('end', () => {
        if (++messages % 7 === 0) return callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }))
        callback(null, `Ok: queued as Q${messages}`)
      })
    },
  })
})
afterAll(() => server.close())

const load = (...args: string[]) => ['send', '--server', `127.0.0.1:${server.port}`, '--tls', 'none', '--from', 'ann@sender.test', '--to', 'bob@rcpt.test', '--subject', 'Load', '--body', 'Hello', ...args]

interface LoadJson {
  server: { host: string; port: number }
  load: {
    requested: number
    connections: number
    finished: number
    accepted: number
    failed: number
    notSent: number
    messagesPerSecond: number
    latencyMs: { p50: number; p95: number; p99: number; max: number }
    replyCodes: Record<string, number>
    failures: Array<{ summary: string; count: number; connection: number; message?: number; transcript: Array<{ kind: string; text: string }> }>
    done: boolean
  }
}

describe('mailwire send --repeat', () => {
  it('sends N copies over C connections and sums them up: rate, latency, codes, each kind of failure once', async () => {
    rcpts = 0
    messages = 0
    const run = await cli(load('--repeat', '70', '--connections', '3'))
    // 70 recipients, every 5th refused: 14 refused, 56 reach DATA, every 7th of those is turned down: 8.
    expect(messages).toBe(56)
    expect(run.code).toBe(1)
    expect(reasonLines(run)).toEqual(['mailwire: 48 of 70 messages accepted (see the failures above)'])
    expect(run.stdout).toMatch(/^Load send: 70 messages over 3 connections to 127\.0\.0\.1:\d+ in /m)
    expect(run.stdout).toMatch(/^ {2}accepted {3}48, failed 22, not sent 0$/m)
    expect(run.stdout).toMatch(/^ {2}rate {7}[\d.,]+ messages\/s$/m)
    expect(run.stdout).toMatch(/^ {2}latency {4}p50 \d+ ms, p95 \d+ ms, p99 \d+ ms \(max \d+ ms\)$/m)
    expect(run.stdout).toMatch(/^ {2}replies {4}250 x48, 451 x8, 550 x14$/m)
    // Two kinds, each shown once with its own transcript (the reply line in it).
    expect(run.stdout).toMatch(/^ {2}550 5\.1\.1 Mailbox 5 unavailable: 14 times, first message \d+ on connection \d$/m)
    expect(run.stdout).toMatch(/^ {2}451 4\.3\.0 Try again later: 8 times, first message \d+ on connection \d$/m)
    expect(run.stdout).toMatch(/^ {4}.* <- 550 5\.1\.1 Mailbox 5 unavailable/m)
    expect(run.stdout).toMatch(/^ {4}.* <- 451 4\.3\.0 Try again later/m)
    // No progress bar: stderr is no terminal here.
    expect(run.stderr).not.toContain('\r')
  })

  it('--json gives the same figures as one object', async () => {
    rcpts = 0
    messages = 0
    const run = await cli(load('--repeat', '35', '--connections', '2', '--json'))
    expect(run.code).toBe(1)
    const parsed = JSON.parse(run.stdout) as LoadJson
    expect(parsed.server.port).toBe(server.port)
    expect(parsed.load).toMatchObject({ requested: 35, connections: 2, finished: 35, accepted: 24, failed: 11, notSent: 0, done: true })
    expect(parsed.load.replyCodes).toEqual({ '250': 24, '451': 4, '550': 7 })
    expect(parsed.load.messagesPerSecond).toBeGreaterThan(0)
    expect(parsed.load.latencyMs.p50).toBeLessThanOrEqual(parsed.load.latencyMs.p95)
    expect(parsed.load.latencyMs.p95).toBeLessThanOrEqual(parsed.load.latencyMs.p99)
    expect(parsed.load.failures.map((f) => [f.summary, f.count])).toEqual(
      expect.arrayContaining([
        ['550 5.1.1 Mailbox 5 unavailable', 7],
        ['451 4.3.0 Try again later', 4],
      ]),
    )
    for (const failure of parsed.load.failures) expect(failure.transcript.some((e) => e.kind === 'server' && e.text.startsWith(failure.summary.slice(0, 3)))).toBe(true)
  })

  it('exits 0 when every copy was accepted, and draws its bar only on a terminal', async () => {
    rcpts = 1 // the 5th recipient of this run is the 4th counted: keep refusals out by sending 3
    messages = 0
    const run = await cli(load('--repeat', '3', '--connections', '3'), { isTTY: { stdin: false, stdout: false, stderr: true } })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/accepted {3}3, failed 0, not sent 0/)
    expect(run.stdout).not.toContain('Failures')
    // The bar was drawn in place and erased at the end: the last thing on stderr is the erase.
    expect(run.stderr).toMatch(/\r\u001b\[2K\[#{24}\] {2}3\/3 /)
    expect(run.stderr.endsWith('\r\u001b[2K')).toBe(true)
  })

  it('counts copies that a failed connection never sent', async () => {
    // A port nothing listens on: each connection is refused at once.
    const port = await freePort()
    const run = await cli(['send', '--server', `127.0.0.1:${port}`, '--tls', 'none', '--from', 'a@x.test', '--to', 'b@y.test', '--body', 'x', '--repeat', '4', '--connections', '2'])
    expect(run.code).toBe(3)
    expect(run.stdout).toMatch(/accepted {3}0, failed 0, not sent 4/)
    expect(run.stdout).toMatch(/^ {2}ECONNECT .*: 2 times, connection \d$/m)
  })
})

describe('the bounds of a load send', () => {
  it('refuses a server not on loopback without --allow-remote, before connecting', async () => {
    const run = await cli(['send', '--server', '192.0.2.1:25', '--from', 'a@x.test', '--to', 'b@y.test', '--body', 'x', '--repeat', '10'])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(reasonLines(run)).toEqual(['mailwire: --repeat: the server 192.0.2.1 is not on this machine (loopback), so it may not be yours; add --allow-remote if it is yours'])
  })

  it('refuses loopback through a proxy, the proxy host\'s loopback', async () => {
    const run = await cli(load('--repeat', '2', '--proxy', 'socks5://127.0.0.1:1080'))
    expect(run.code).toBe(2)
    expect(reasonLines(run)[0]).toMatch(/through a proxy .*add --allow-remote/)
  })

  it('caps N and C, and wants --repeat for --connections', async () => {
    expect(reasonLines(await cli(load('--repeat', '100001')))).toEqual(["mailwire: --repeat must be a number from 1 to 100000 (got '100001')"])
    expect(reasonLines(await cli(load('--repeat', '5', '--connections', '51')))).toEqual(["mailwire: --connections must be a number from 1 to 50 (got '51')"])
    expect(reasonLines(await cli(load('--connections', '2')))).toEqual(['mailwire: --connections goes with --repeat N (a load send)'])
    expect(reasonLines(await cli(['send', '--local', '--repeat', '2']))[0]).toMatch(/--repeat cannot be used with --local/)
  })
})
