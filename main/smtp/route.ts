// The way to the server, under the SMTP session: straight there, or through a proxy
// (proxy.ts), from a chosen source address, with a PROXY header first when asked for
// (proxy-protocol.ts). Returns the socket that reaches the server, ready for TLS or SMTP.
import net from 'node:net'
import { SmtpError } from './errors'
import { describeProxyHeader, proxyHeader } from './proxy-protocol'
import { proxyLabel, proxySecrets, tunnel } from './proxy'
import { openTcp, resolveHost, writeFully, type TransportScope } from './transport'
import type { ConnectionIdentity } from './types'

/** Every secret the identity options carry: the connection masks them from the first event. */
export function identitySecrets(identity: ConnectionIdentity): string[] {
  const passphrase = identity.tlsClient?.passphrase
  return [...proxySecrets(identity.proxy), ...(passphrase ? [passphrase] : [])]
}

export async function openRoute(host: string, port: number, identity: ConnectionIdentity, scope: TransportScope, note = ''): Promise<net.Socket> {
  const { proxy, localAddress } = identity
  if (localAddress !== undefined && net.isIP(localAddress) === 0) {
    throw new SmtpError('ECONNECT', `the source address must be an IP address (got ${JSON.stringify(localAddress)})`, { phase: 'connect' })
  }
  let socket: net.Socket
  let destination: string | undefined
  if (!proxy) {
    const addresses = await resolveHost(host, scope)
    socket = await openTcp(addresses, port, scope, note, localAddress)
    destination = socket.remoteAddress
  } else {
    scope.wire.emit('info', `through the ${proxyLabel(proxy)} proxy at ${proxy.host} port ${proxy.port}`)
    // socks5 and http name an address the proxy connects to; socks5h leaves the name to it.
    destination = proxy.protocol === 'socks5h' ? undefined : (await resolveHost(host, scope))[0]!
    const hop = await openTcp(await resolveHost(proxy.host, scope), proxy.port, scope, ' (the proxy)', localAddress)
    socket = await tunnel(hop, proxy, destination ?? host, port, scope)
  }
  if (identity.proxyHeader) await sendProxyHeader(socket, identity, destination, port, scope)
  return socket
}

async function sendProxyHeader(socket: net.Socket, identity: ConnectionIdentity, destination: string | undefined, port: number, scope: TransportScope): Promise<void> {
  const options = identity.proxyHeader!
  const source = options.source ?? { address: socket.localAddress ?? '', port: socket.localPort ?? 0 }
  if (destination === undefined) {
    throw new SmtpError('ECONNECT', 'a PROXY header needs the server\'s address, which a socks5h proxy keeps to itself: use socks5', { phase: 'connect' })
  }
  const addresses = { source, destination: { address: destination, port } }
  let bytes: Buffer
  try {
    bytes = proxyHeader(options, addresses)
  } catch (error) {
    throw new SmtpError('ECONNECT', `cannot build the PROXY header: ${error instanceof Error ? error.message : String(error)}`, { phase: 'connect' })
  }
  scope.wire.emit('client', describeProxyHeader(options, addresses, bytes), { phase: 'connect' })
  await writeFully(socket, bytes, scope)
}
