// A port that accepts connections and never says a word: the server a newcomer meets when
// a port forwards to nothing, or expects implicit TLS. Each socket is kept until close().
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'

export interface SilentServer {
  port: number
  /** Resolves at the next connection accepted. */
  nextConnection(): Promise<net.Socket>
  close(): Promise<void>
}

export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    port: (server.address() as AddressInfo).port,
    nextConnection: async () => (await once(server, 'connection'))[0] as net.Socket,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
