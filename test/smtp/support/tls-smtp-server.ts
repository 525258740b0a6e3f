// An implicit-TLS SMTP server from node:tls with any TLS options (versions, ciphers, a
// client certificate asked for or required): it greets, answers EHLO and QUIT, and records
// what each handshake brought (protocol, SNI name, the client's certificate).
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import tls from 'node:tls'

export interface Handshake {
  protocol: string | null
  servername: string | false | undefined
  /** The client certificate's subject CN, when one was sent and verified. */
  clientCn?: string
  authorized: boolean
}

export interface TlsSmtpServer {
  host: string
  port: number
  handshakes: Handshake[]
  close(): Promise<void>
}

export async function startTlsSmtpServer(options: tls.TlsOptions): Promise<TlsSmtpServer> {
  const handshakes: Handshake[] = []
  const sockets = new Set<tls.TLSSocket>()
  const server = tls.createServer(options, (socket) => {
    sockets.add(socket)
    const peer = socket.getPeerCertificate()
    const cn = peer && 'subject' in peer && peer.subject ? peer.subject.CN : undefined
    handshakes.push({
      protocol: socket.getProtocol(),
      servername: (socket as tls.TLSSocket & { servername?: string | false }).servername,
      ...(cn ? { clientCn: Array.isArray(cn) ? cn.join(',') : cn } : {}),
      authorized: socket.authorized,
    })
    socket.on('error', () => undefined)
    socket.write('220 tls.test ESMTP\r\n')
    let buffered = ''
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1')
      let end: number
      while ((end = buffered.indexOf('\r\n')) !== -1) {
        const line = buffered.slice(0, end)
        buffered = buffered.slice(end + 2)
        if (/^EHLO /i.test(line)) socket.write('250-tls.test\r\n250 AUTH PLAIN\r\n')
        else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n')
        else socket.write('502 5.5.1 not here\r\n')
      }
    })
  })
  server.on('tlsClientError', () => undefined)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    handshakes,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
