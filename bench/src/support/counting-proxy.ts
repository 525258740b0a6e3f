// A TCP relay in front of the sink that counts round trips the same way for every client,
// whatever its language: a round trip is a burst of client bytes that follows server bytes
// (the client waited for a reply, then wrote). Bytes the client writes while no reply came
// in between belong to the same burst, however many TCP segments they took.
import { connect, createServer, type Socket } from 'node:net'

export interface ProxyCounts {
  /** Client bursts that followed a server reply (the first burst counts too). */
  roundTrips: number
  /** 'data' events on the client side: roughly the TCP segments the client produced. */
  clientChunks: number
  clientBytes: number
  serverBytes: number
}

export interface CountingProxy {
  port: number
  /** Counts of every connection since the last reset, summed. */
  counts(): ProxyCounts
  reset(): void
  /** Resolves once every relayed connection has closed (all its bytes counted). */
  idle(): Promise<void>
  close(): Promise<void>
}

export async function startCountingProxy(target: { host: string; port: number }): Promise<CountingProxy> {
  let totals = zero()
  const sockets = new Set<Socket>()
  let onIdle: Array<() => void> = []
  const settle = () => {
    if (sockets.size > 0) return
    for (const resolve of onIdle) resolve()
    onIdle = []
  }
  const server = createServer((client) => {
    const upstream = connect({ host: target.host, port: target.port })
    sockets.add(client).add(upstream)
    client.setNoDelay(true)
    upstream.setNoDelay(true)
    let awaitingClient = true
    client.on('data', (chunk: Buffer) => {
      if (awaitingClient) totals.roundTrips++
      awaitingClient = false
      totals.clientChunks++
      totals.clientBytes += chunk.length
      if (!upstream.write(chunk)) client.pause()
    })
    upstream.on('drain', () => client.resume())
    upstream.on('data', (chunk: Buffer) => {
      awaitingClient = true
      totals.serverBytes += chunk.length
      if (!client.write(chunk)) upstream.pause()
    })
    client.on('drain', () => upstream.resume())
    const end = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
      settle()
    }
    client.on('close', end).on('error', end)
    upstream.on('close', end).on('error', end)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (typeof address !== 'object' || !address) throw new Error('proxy has no address')
  return {
    port: address.port,
    counts: () => ({ ...totals }),
    reset: () => (totals = zero()),
    idle: () =>
      new Promise<void>((resolve) => {
        onIdle.push(resolve)
        settle()
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

const zero = (): ProxyCounts => ({ roundTrips: 0, clientChunks: 0, clientBytes: 0, serverBytes: 0 })
