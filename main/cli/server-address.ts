// HOST[:PORT] as a user types it: a name, an IPv4 address, or [IPv6] with brackets.
// Nothing is rewritten silently: control characters, inet_aton's numeric forms (0x7f.1) and
// an IPv6 address that may end in a port (::1:2603) are refused with the form to write.
import { isIPv6 } from '../smtp/ip-literal'
import { canonicalHost, controlCharacterProblem } from '../smtp/host-name'
import type { SecurityMode } from '../smtp/types'
import { InputError } from './input-error'

/** RFC 5321 section 4.5.4.1 relays use port 25; RFC 8314 section 3.3 implicit TLS submission uses 465. */
export const DEFAULT_PORT = 25
export const DEFAULT_IMPLICIT_TLS_PORT = 465
const MAX_PORT = 65535

export interface ServerAddress {
  host: string
  port: number
}

function parsePort(text: string, whole: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > MAX_PORT) {
    throw new InputError(`bad port in '${whole}': give a number from 1 to ${MAX_PORT}`)
  }
  return Number(text)
}

function checkHostName(host: string, whole: string): string {
  // Names may be internationalised; the socket needs their ASCII (punycode) form.
  const checked = canonicalHost(host)
  if (checked.ok) return checked.host
  if (checked.kind === 'syntax') {
    throw new InputError(`bad server '${whole}': expected a host name, an IPv4 address or [IPv6]:PORT`)
  }
  throw new InputError(`bad server '${whole}': '${host}' ${checked.problem}`)
}

/** `::1:2603` is a valid address, but it reads as ::1 port 2603: make the user say which. */
function ambiguousPort(address: string): string | undefined {
  const lastColon = address.lastIndexOf(':')
  const head = address.slice(0, lastColon)
  const tail = address.slice(lastColon + 1)
  if (!/^\d{1,5}$/.test(tail) || !isIPv6(head)) return undefined
  return `bad server '${address}': an IPv6 address with a port goes in brackets: write [${head}]:${tail} (or [${address}] for that address on the default port)`
}

export function parseServerAddress(text: string, security: SecurityMode): ServerAddress {
  const defaultPort = security === 'implicit' ? DEFAULT_IMPLICIT_TLS_PORT : DEFAULT_PORT
  // Before any parsing: trim() or the URL parser would drop a CR or LF and hide it.
  const control = controlCharacterProblem(text)
  if (control) throw new InputError(`bad server ${JSON.stringify(text)}: it ${control}`)
  const trimmed = text.trim()
  if (trimmed === '') throw new InputError('the server is empty: give HOST[:PORT]')
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(trimmed)
  if (bracketed) {
    const host = bracketed[1] ?? ''
    if (!isIPv6(host)) throw new InputError(`bad server '${text}': '${host}' is not an IPv6 address`)
    return { host, port: bracketed[2] === undefined ? defaultPort : parsePort(bracketed[2], text) }
  }
  if (isIPv6(trimmed)) {
    const ambiguous = ambiguousPort(trimmed)
    if (ambiguous) throw new InputError(ambiguous)
    return { host: trimmed, port: defaultPort }
  }
  const colons = trimmed.split(':').length - 1
  if (colons > 1) throw new InputError(`bad server '${text}': put an IPv6 address in brackets, e.g. [::1]:25`)
  const [host = '', port] = trimmed.split(':')
  return { host: checkHostName(host, text), port: port === undefined ? defaultPort : parsePort(port, text) }
}
