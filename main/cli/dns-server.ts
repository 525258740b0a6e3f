// --dns-server ADDRESS[:PORT]: which DNS server answers --mx, like `dig @server`. An
// address, not a name: resolving the resolver's name would need a resolver.
import { isIP, isIPv6 } from 'node:net'
import { InputError } from './input-error'

const MAX_PORT = 65535

/** "192.0.2.53", "192.0.2.53:5353", "[2001:db8::53]:53" or "2001:db8::53", as Resolver.setServers takes them. */
export function parseDnsServer(text: string): string {
  const trimmed = text.trim()
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(trimmed)
  const plain = /^([\d.]+)(?::(\d{1,5}))?$/.exec(trimmed)
  const [host, port] = bracketed ? [bracketed[1]!, bracketed[2]] : plain ? [plain[1]!, plain[2]] : [trimmed, undefined]
  if (!isIP(host) || (!bracketed && !plain && !isIPv6(host))) {
    throw new InputError(`--dns-server must be an IP address, optionally with :PORT (IPv6 in brackets), got '${text}'`)
  }
  if (port !== undefined && (Number(port) < 1 || Number(port) > MAX_PORT)) {
    throw new InputError(`bad port in --dns-server '${text}': give a number from 1 to ${MAX_PORT}`)
  }
  if (port === undefined) return host
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`
}
