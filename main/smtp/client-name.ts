// The name we give in EHLO/HELO (RFC 5321 4.1.1.1 and 4.1.3): this machine's fully
// qualified name when it has one, else an address literal of our end of the connection.
import { hostname } from 'node:os'
import { isIP, isIPv6 } from './ip-literal'

/** A fully qualified domain name: at least two labels of letters, digits and hyphens. */
const FQDN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i

export function isValidClientDomain(name: string): boolean {
  return FQDN.test(name)
}

/** "[192.0.2.1]" or "[IPv6:2001:db8::1]" (RFC 5321 4.1.3). */
export function addressLiteral(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return `[${mapped[1]}]`
  return isIPv6(address) ? `[IPv6:${address}]` : `[${address}]`
}

export function defaultClientName(localAddress: string | undefined, machineName: string = hostname()): string {
  if (isValidClientDomain(machineName)) return machineName.toLowerCase()
  return addressLiteral(localAddress && isIP(localAddress) ? localAddress : '127.0.0.1')
}
