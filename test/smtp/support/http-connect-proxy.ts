// A tiny HTTP CONNECT proxy (RFC 9110 9.3.6) on loopback: it checks an optional Basic
// login, opens the tunnel, and records the requests it got.
import { once } from 'node:events'
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'

export interface HttpConnectProxy {
  host: string
  port: number
  /** "CONNECT target" and the Proxy-Authorization header of each request. */
  requests: Array<{ target: string; authorization?: string }>
  close(): Promise<void>
}

export async function startHttpConnectProxy(login?: { user: string; password: string }): Promise<HttpConnectProxy> {
  const requests: HttpConnectProxy['requests'] = []
  const sockets = new Set<net.Socket>()
  const expected = login ? `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}` : undefined
  const server = http.createServer((_request, response) => response.writeHead(405).end())
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client)
    client.on('error', () => undefined)
    const authorization = request.headers['proxy-authorization']
    requests.push({ target: request.url ?? '', ...(authorization ? { authorization } : {}) })
    if (expected && authorization !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n')
      return
    }
    const [host, port] = (/^\[?([^\]]+)\]?:(\d+)$/.exec(request.url ?? '') ?? []).slice(1)
    const upstream = net.connect({ host: host!, port: Number(port) })
    sockets.add(upstream)
    upstream.on('error', () => client.destroy())
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
