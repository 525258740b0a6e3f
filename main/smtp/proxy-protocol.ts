// The HAProxy PROXY protocol header (haproxy.org/download/2.9/doc/proxy-protocol.txt):
// sent before anything else, it tells a server behind a load balancer who the client is.
// Version 1 is one text line; version 2 a binary block with the same facts.
import net from 'node:net'
import type { ProxyHeaderOptions } from './types'

export interface ProxyHeaderAddresses {
  source: { address: string; port: number }
  destination: { address: string; port: number }
}

/** Section 2.2: the 12 bytes that open every version 2 header. */
const V2_SIGNATURE = Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a])
/** Version 2, command PROXY. */
const V2_PROXY = 0x21
/** Address family and transport: TCP over IPv4, TCP over IPv6. */
const V2_TCP4 = 0x11
const V2_TCP6 = 0x21

/** IPv4-mapped IPv6 ("::ffff:127.0.0.1") as the IPv4 address it is. */
const plainAddress = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1')

function family(addresses: ProxyHeaderAddresses): 4 | 6 {
  const source = net.isIP(plainAddress(addresses.source.address))
  const destination = net.isIP(plainAddress(addresses.destination.address))
  if (source === 0 || destination === 0) throw new Error(`the PROXY header needs IP addresses (got ${addresses.source.address} and ${addresses.destination.address})`)
  if (source !== destination) throw new Error('the PROXY header needs both addresses of the same family (IPv4 or IPv6)')
  return source as 4 | 6
}

/** Version 1: "PROXY TCP4 192.0.2.1 192.0.2.2 56324 25\r\n" (section 2.1). */
export function proxyHeaderV1(addresses: ProxyHeaderAddresses): Buffer {
  const protocol = family(addresses) === 4 ? 'TCP4' : 'TCP6'
  const { source, destination } = addresses
  return Buffer.from(`PROXY ${protocol} ${plainAddress(source.address)} ${plainAddress(destination.address)} ${source.port} ${destination.port}\r\n`, 'latin1')
}

/** Version 2: signature, version and command, family, length, then the addresses and ports (section 2.2). */
export function proxyHeaderV2(addresses: ProxyHeaderAddresses): Buffer {
  const v4 = family(addresses) === 4
  const addressBytes = (text: string) => (v4 ? ipv4Bytes(plainAddress(text)) : ipv6Bytes(text))
  const body = Buffer.concat([addressBytes(addresses.source.address), addressBytes(addresses.destination.address), portBytes(addresses.source.port), portBytes(addresses.destination.port)])
  const head = Buffer.alloc(4)
  head[0] = V2_PROXY
  head[1] = v4 ? V2_TCP4 : V2_TCP6
  head.writeUInt16BE(body.length, 2)
  return Buffer.concat([V2_SIGNATURE, head, body])
}

export function proxyHeader(options: ProxyHeaderOptions, addresses: ProxyHeaderAddresses): Buffer {
  return options.version === 'v1' ? proxyHeaderV1(addresses) : proxyHeaderV2(addresses)
}

/** The header as the wire log shows it: v1 is its own text, v2 the same facts in words. */
export function describeProxyHeader(options: ProxyHeaderOptions, addresses: ProxyHeaderAddresses, bytes: Buffer): string {
  if (options.version === 'v1') return bytes.toString('latin1').replace(/\r\n$/, '')
  const { source, destination } = addresses
  return `PROXY v2 (${bytes.length} bytes): TCP${family(addresses)} from ${plainAddress(source.address)} port ${source.port} to ${plainAddress(destination.address)} port ${destination.port}`
}

function portBytes(port: number): Buffer {
  const bytes = Buffer.alloc(2)
  bytes.writeUInt16BE(port)
  return bytes
}

function ipv4Bytes(address: string): Buffer {
  return Buffer.from(address.split('.').map(Number))
}

function ipv6Bytes(address: string): Buffer {
  const mapped = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(address)
  let text = address
  if (mapped) {
    const [a, b, c, d] = mapped[2]!.split('.').map(Number) as [number, number, number, number]
    text = `${mapped[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const headGroups = head === '' ? [] : head.split(':')
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':')
  const zeros = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length
  const groups = [...headGroups, ...Array<string>(zeros).fill('0'), ...tailGroups]
  const bytes = Buffer.alloc(16)
  groups.forEach((group, i) => bytes.writeUInt16BE(parseInt(group, 16), i * 2))
  return bytes
}
