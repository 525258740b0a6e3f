// A host name's addresses are tried in turn (transport.openTcp): one that refuses the
// connection is reported and the next is tried; when every one refuses, the last reason
// is the error. Real sockets on loopback: nothing listens on [::1] at the port the server
// holds on 127.0.0.1, so the first address refuses.
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { openTcp, type TransportScope } from '../../main/smtp/transport'
import { WireLog } from '../../main/smtp/wire-log'
import type { WireEvent } from '../../main/smtp/types'

const sockets: net.Socket[] = []
const servers: net.Server[] = []
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

function scope(events: WireEvent[]): TransportScope {
  return {
    wire: new WireLog((event) => events.push(event)),
    guard: (promise) => promise,
    check: () => undefined,
    track: (socket) => void sockets.push(socket),
  }
}

async function listenOnIpv4(): Promise<number> {
  const server = net.createServer((socket) => socket.end())
  servers.push(server)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return (server.address() as AddressInfo).port
}

describe('each resolved address in turn', () => {
  it('goes on to the next address when one refuses, and says so', async () => {
    const port = await listenOnIpv4()
    const events: WireEvent[] = []
    const socket = await openTcp(['::1', '127.0.0.1'], port, scope(events))
    expect(socket.remoteAddress).toBe('127.0.0.1')
    const info = events.map((event) => event.text)
    expect(info[0]).toBe(`connecting to [::1] port ${port}`)
    expect(info[1]).toMatch(new RegExp(`^cannot connect to \\[::1\\] port ${port}: `))
    expect(info[2]).toBe(`connecting to 127.0.0.1 port ${port}`)
    expect(info[3]).toMatch(new RegExp(`^connected to 127\\.0\\.0\\.1 port ${port} from 127\\.0\\.0\\.1 port \\d+$`))
    expect(info).toHaveLength(4)
  })

  it('fails with the last address\'s reason when every one refuses', async () => {
    const port = await listenOnIpv4()
    servers[0]!.close()
    await once(servers[0]!, 'close')
    const events: WireEvent[] = []
    await expect(openTcp(['::1', '127.0.0.1'], port, scope(events))).rejects.toMatchObject({
      code: 'ECONNECT',
      message: expect.stringMatching(new RegExp(`^cannot connect to 127\\.0\\.0\\.1 port ${port}: `)),
    })
    expect(events.map((event) => event.text).filter((text) => text.startsWith('connecting to '))).toEqual([
      `connecting to [::1] port ${port}`,
      `connecting to 127.0.0.1 port ${port}`,
    ])
  })
})
