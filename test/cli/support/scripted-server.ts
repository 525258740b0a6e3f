// A raw TCP peer on 127.0.0.1:0 (or ::1) that plays a script byte for byte: for faults a real
// server will not produce on demand (garbage, silence, a close in the middle of DATA).
import { createServer, type Server, type Socket } from 'node:net'

export interface ScriptedPeer {
  /** Write exactly these bytes. */
  send(text: string): void
  /** The next line the client sent, without CRLF. */
  line(): Promise<string>
  /** Lines up to and including the lone "." that ends DATA. */
  dataUntilDot(): Promise<string[]>
  /** Drop the connection without a word. */
  close(): void
  socket: Socket
}

export interface ScriptedServer {
  port: number
  /** Everything each client sent, for assertions after the run. */
  received: string[]
  stop(): Promise<void>
}

function peerFor(socket: Socket, received: string[]): ScriptedPeer {
  let buffer = ''
  const waiting: Array<(line: string) => void> = []
  const lines: string[] = []
  socket.setEncoding('latin1')
  socket.on('data', (chunk: string) => {
    buffer += chunk
    for (let end = buffer.indexOf('\r\n'); end !== -1; end = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      received.push(line)
      const next = waiting.shift()
      if (next) next(line)
      else lines.push(line)
    }
  })
  socket.on('error', () => undefined)
  const line = () =>
    new Promise<string>((resolve, reject) => {
      const ready = lines.shift()
      if (ready !== undefined) return resolve(ready)
      waiting.push(resolve)
      socket.once('close', () => reject(new Error('client closed')))
    })
  return {
    socket,
    send: (text) => void socket.write(text, 'latin1'),
    line,
    dataUntilDot: async () => {
      const data: string[] = []
      for (;;) {
        const next = await line()
        data.push(next)
        if (next === '.') return data
      }
    },
    close: () => socket.destroy(),
  }
}

export async function scriptedServer(script: (peer: ScriptedPeer) => Promise<void>, host = '127.0.0.1'): Promise<ScriptedServer> {
  const received: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    script(peerFor(socket, received)).catch(() => socket.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    port: address.port,
    received,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** Greeting and EHLO the way a minimal server answers them. */
export async function greetAndEhlo(peer: ScriptedPeer, extensions: string[] = ['PIPELINING', '8BITMIME']): Promise<void> {
  peer.send('220 scripted.test ESMTP ready\r\n')
  await peer.line()
  const lines = ['scripted.test', ...extensions]
  peer.send(lines.map((text, i) => `250${i === lines.length - 1 ? ' ' : '-'}${text}\r\n`).join(''))
}
