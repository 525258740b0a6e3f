// An SMTP server on 127.0.0.1:0 that reads message data slowly: during its first
// TRICKLE_MS of DATA it takes one chunk every TRICKLE_STEP_MS (at most about 1.3 MB/s, so a
// 16 MB message cannot be through in a second whatever the socket buffers hold), then reads
// at full speed. Just enough SMTP for one message: EHLO, MAIL, RCPT, DATA, QUIT.
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'

const TRICKLE_MS = 2000
const TRICKLE_STEP_MS = 50

export interface SlowReader {
  port: number
  /** Message bytes received, per message. */
  received: number[]
  close(): Promise<void>
}

export async function slowReader(): Promise<SlowReader> {
  const received: number[] = []
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    let inData = false
    let dataStart = 0
    let bytes = 0
    let tail = ''
    let pending = ''
    socket.write('220 slow.test ESMTP\r\n')
    socket.on('data', (chunk: Buffer) => {
      if (inData) {
        bytes += chunk.length
        const seen = tail + chunk.subarray(Math.max(0, chunk.length - 5)).toString('latin1')
        tail = seen.slice(-5)
        if (tail === '\r\n.\r\n') {
          inData = false
          received.push(bytes - 3)
          socket.write('250 2.0.0 Ok: queued as SLOW1\r\n')
          return
        }
        if (Date.now() - dataStart < TRICKLE_MS) {
          socket.pause()
          setTimeout(() => socket.resume(), TRICKLE_STEP_MS)
        }
        return
      }
      pending += chunk.toString('latin1')
      let end: number
      while ((end = pending.indexOf('\r\n')) !== -1) {
        const line = pending.slice(0, end)
        pending = pending.slice(end + 2)
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO') socket.write('250-slow.test\r\n250 8BITMIME\r\n')
        else if (verb === 'QUIT') socket.end('221 2.0.0 Bye\r\n')
        else if (verb === 'DATA') {
          socket.write('354 go ahead\r\n')
          inData = true
          dataStart = Date.now()
          bytes = 0
          tail = '\r\n'
          // Message bytes that came in the same read as DATA (none without PIPELINING).
          if (pending.length > 0) socket.emit('data', Buffer.from(pending, 'latin1'))
          pending = ''
          return
        } else socket.write('250 2.0.0 Ok\r\n')
      }
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
