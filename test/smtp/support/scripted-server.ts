// A raw TCP server that plays a script: expect a line from the client, send bytes exactly
// as given, read message data, start TLS, close. One script per connection. For faults a
// real server library would never produce: 421 greetings, garbage, silence, injections.
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'
import tls from 'node:tls'
import { testPki } from '../../support/test-ca'

export type Step =
  /** Read the next line from the client and check it (string: exact; RegExp: match). */
  | { expect: string | RegExp }
  /** Write these bytes as they are (give the CRLFs yourself). */
  | { send: string | Buffer }
  /** Read message data up to and including the "." line. */
  | { readData: true }
  /** Read exactly this many raw bytes (a BDAT chunk) into `data`. */
  | { readBytes: number }
  /** The client has written nothing beyond what was read: it waits for our reply (no pipelining). */
  | { expectIdle: true }
  /** Upgrade to TLS as the server, with a certificate from the test PKI. */
  | { startTls: true; cert?: 'server' | 'expired' | 'wrongHost' | 'selfSigned' }
  /** Close the connection at once (unread data is dropped). */
  | { close: true }
  /** Wait for the client to close; the script ends there. */
  | { waitForClose: true }
  /** Stop reading from the socket (the client's writes back up) until resumeReading(). */
  | { stopReading: true }

export interface ScriptedServer {
  host: string
  port: number
  /** Every byte the client wrote, decoded as UTF-8 (plaintext and, after TLS, decrypted). */
  written(): string
  /** Lines read by expect steps, in order. */
  lines: string[]
  /** Message data read by readData steps, raw, with the final ".\r\n". */
  data: Buffer[]
  /** Steps that did not go as scripted. */
  mismatches: string[]
  /** Resolves when the first connection's script has finished and the client is gone. */
  finished: Promise<void>
  /** Number of connections accepted. */
  connections(): number
  /** Resolves once the predicate holds (checked whenever the client writes or a line is read). */
  until(predicate: () => boolean): Promise<void>
  /** Read again after a stopReading step (to see the client close). */
  resumeReading(): void
  close(): Promise<void>
}

class LineReader {
  private chunks: Buffer[] = []
  private waiting?: () => void
  private ended = false

  constructor(
    private socket: net.Socket,
    private readonly record: (chunk: Buffer) => void,
  ) {
    this.listen(socket)
  }

  switchTo(socket: net.Socket): void {
    this.socket.removeAllListeners('data')
    this.socket = socket
    this.listen(socket)
  }

  private listen(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.record(chunk)
      this.chunks.push(chunk)
      this.waiting?.()
    })
    socket.on('close', () => {
      this.ended = true
      this.waiting?.()
    })
  }

  /** The next line with its line end, or null when the client closed. */
  async line(): Promise<Buffer | null> {
    for (;;) {
      const line = this.take()
      if (line) return line
      if (this.ended) return null
      await new Promise<void>((resolve) => {
        this.waiting = resolve
      })
      this.waiting = undefined
    }
  }

  /** Bytes received and not yet read by a step. */
  buffered(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.length, 0)
  }

  /** Exactly `count` bytes, or what came before the client closed. */
  async bytes(count: number): Promise<Buffer> {
    for (;;) {
      if (this.buffered() >= count || this.ended) {
        const all = Buffer.concat(this.chunks)
        const rest = all.subarray(count)
        this.chunks = rest.length > 0 ? [rest] : []
        return all.subarray(0, count)
      }
      await new Promise<void>((resolve) => {
        this.waiting = resolve
      })
      this.waiting = undefined
    }
  }

  private take(): Buffer | undefined {
    for (let i = 0; i < this.chunks.length; i++) {
      const lf = this.chunks[i]!.indexOf(0x0a)
      if (lf === -1) continue
      const before = this.chunks.slice(0, i)
      const chunk = this.chunks[i]!
      const line = Buffer.concat([...before, chunk.subarray(0, lf + 1)])
      const rest = chunk.subarray(lf + 1)
      this.chunks = rest.length > 0 ? [rest, ...this.chunks.slice(i + 1)] : this.chunks.slice(i + 1)
      return line
    }
    return undefined
  }
}

export async function startScriptedServer(script: Step[], options: { host?: string } = {}): Promise<ScriptedServer> {
  const pki = await testPki()
  const host = options.host ?? '127.0.0.1'
  const written: Buffer[] = []
  const lines: string[] = []
  const data: Buffer[] = []
  const mismatches: string[] = []
  const sockets = new Set<net.Socket>()
  const watchers = new Set<() => void>()
  const paused = new Set<net.Socket>()
  const progress = () => {
    for (const watcher of [...watchers]) watcher()
  }
  let count = 0
  let finish!: () => void
  const finished = new Promise<void>((resolve) => {
    finish = resolve
  })

  async function play(plain: net.Socket): Promise<void> {
    let socket: net.Socket = plain
    const reader = new LineReader(socket, (chunk) => {
      written.push(chunk)
      progress()
    })
    const closed = () => socket.destroyed || socket.readableEnded
    for (const step of script) {
      if ('expect' in step) {
        const line = await reader.line()
        if (line === null) {
          mismatches.push(`expected ${String(step.expect)}, the client closed`)
          return
        }
        const text = line.toString('utf8').replace(/\r?\n$/, '')
        lines.push(text)
        progress()
        const ok = typeof step.expect === 'string' ? text === step.expect : step.expect.test(text)
        if (!ok) mismatches.push(`expected ${String(step.expect)}, got ${JSON.stringify(text)}`)
      } else if ('send' in step) {
        if (!closed()) socket.write(step.send)
      } else if ('readData' in step) {
        const parts: Buffer[] = []
        for (;;) {
          const line = await reader.line()
          if (line === null) break
          parts.push(line)
          if (line.toString('latin1') === '.\r\n') break
        }
        data.push(Buffer.concat(parts))
        progress()
      } else if ('expectIdle' in step) {
        if (reader.buffered() > 0) mismatches.push(`expected the client to wait for a reply, it had already written ${reader.buffered()} more bytes`)
      } else if ('readBytes' in step) {
        data.push(await reader.bytes(step.readBytes))
        progress()
      } else if ('startTls' in step) {
        const pair = pki[step.cert ?? 'server']
        const secure = new tls.TLSSocket(socket, { isServer: true, key: pair.key, cert: pair.cert })
        sockets.add(secure)
        reader.switchTo(secure)
        socket = secure
        const outcome = await Promise.race([once(secure, 'secure').then(() => true), once(secure, 'close').then(() => false)]).catch(() => false)
        if (!outcome) return
      } else if ('close' in step) {
        socket.destroy()
        return
      } else if ('stopReading' in step) {
        socket.pause()
        paused.add(socket)
      } else if ('waitForClose' in step) {
        while ((await reader.line()) !== null) {
          // Lines after the script are recorded in written() for assertions.
        }
        return
      }
    }
    // Script done: keep the connection open (silence) until the client goes away.
    while ((await reader.line()) !== null) {
      // Recorded in written().
    }
  }

  const server = net.createServer((socket) => {
    count++
    progress()
    sockets.add(socket)
    socket.on('error', () => undefined)
    const first = count === 1
    void play(socket)
      .catch((error: unknown) => mismatches.push(`script error: ${String(error)}`))
      .finally(async () => {
        if (!socket.destroyed && !socket.readableEnded) await once(socket, 'close').catch(() => undefined)
        if (first) finish()
      })
  })
  server.listen(0, host)
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    host,
    port,
    written: () => Buffer.concat(written).toString('utf8'),
    lines,
    data,
    mismatches,
    finished,
    connections: () => count,
    resumeReading: () => {
      for (const socket of paused) socket.resume()
      paused.clear()
    },
    until: (predicate) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!predicate()) return
          watchers.delete(check)
          resolve()
        }
        watchers.add(check)
        check()
      }),
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
