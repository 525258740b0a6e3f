// A loopback port free right now, for a server that cannot be told to bind port 0 and say
// which port it got (microsocks, Dovecot). Another process could take it before the server
// binds; on a test machine that is rare, and the server's start then fails loudly.
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'

export async function freePort(): Promise<number> {
  const probe = net.createServer()
  probe.listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}
