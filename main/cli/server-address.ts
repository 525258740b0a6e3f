// HOST[:PORT] as a user types it: a name, an IPv4 address, or [IPv6] with brackets.
import { isIP, isIPv6 } from 'node:net'
import { domainToASCII } from 'node:url'
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
  if (isIP(host)) return host
  // Names may be internationalised; the socket needs their ASCII (punycode) form.
  const ascii = domainToASCII(host)
  if (!ascii || !/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/i.test(ascii)) {
    throw new InputError(`bad server '${whole}': expected a host name, an IPv4 address or [IPv6]:PORT`)
  }
  return ascii
}

export function parseServerAddress(text: string, security: SecurityMode): ServerAddress {
  const defaultPort = security === 'implicit' ? DEFAULT_IMPLICIT_TLS_PORT : DEFAULT_PORT
  const trimmed = text.trim()
  if (trimmed === '') throw new InputError('the server is empty: give HOST[:PORT]')
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(trimmed)
  if (bracketed) {
    const host = bracketed[1] ?? ''
    if (!isIPv6(host)) throw new InputError(`bad server '${text}': '${host}' is not an IPv6 address`)
    return { host, port: bracketed[2] === undefined ? defaultPort : parsePort(bracketed[2], text) }
  }
  if (isIPv6(trimmed)) return { host: trimmed, port: defaultPort }
  const colons = trimmed.split(':').length - 1
  if (colons > 1) throw new InputError(`bad server '${text}': put an IPv6 address in brackets, e.g. [::1]:25`)
  const [host = '', port] = trimmed.split(':')
  return { host: checkHostName(host, text), port: port === undefined ? defaultPort : parsePort(port, text) }
}
