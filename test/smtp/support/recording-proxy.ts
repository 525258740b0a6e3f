// A TCP proxy on 127.0.0.1 in front of a server that records, in order, which side sent
// what. With it a test can tell whether the client waited for a reply before writing more
// (round trips), whatever the TCP chunking.
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'

export interface Segment {
  from: 'client' | 'server'
  bytes: Buffer
}

export interface RecordingProxy {
  port: number
  segments: Segment[]
  close(): Promise<void>
}

export async function startRecordingProxy(target: { host: string; port: number }): Promise<RecordingProxy> {
  const segments: Segment[] = []
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host)
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', () => undefined)
      socket.on('close', () => {
        client.destroy()
        upstream.destroy()
      })
    }
    client.on('data', (bytes: Buffer) => {
      segments.push({ from: 'client', bytes })
      upstream.write(bytes)
    })
    upstream.on('data', (bytes: Buffer) => {
      segments.push({ from: 'server', bytes })
      client.write(bytes)
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    port: (server.address() as AddressInfo).port,
    segments,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/**
 * The conversation as turns: consecutive segments from one side joined. A client that
 * pipelines writes MAIL, RCPT… and DATA in a single client turn.
 */
export function turns(segments: Segment[]): Array<{ from: Segment['from']; text: string }> {
  const out: Array<{ from: Segment['from']; text: string }> = []
  for (const segment of segments) {
    const last = out.at(-1)
    if (last && last.from === segment.from) last.text += segment.bytes.toString('utf8')
    else out.push({ from: segment.from, text: segment.bytes.toString('utf8') })
  }
  return out
}
