// The bounds of a load send (`mailwire send --repeat`, the app's Load part): how much one
// run may ask, and which servers it may aim at without the user saying the server is theirs.
import { isIP } from 'node:net'

/** Copies in one run: enough to see a server's steady rate and its tail latencies. */
export const MAX_LOAD_MESSAGES = 100_000
/** Connections at once: past this a test measures our process, not the server. */
export const MAX_LOAD_CONNECTIONS = 50

export interface LoadTarget {
  host: string
  /** A proxy (SOCKS, HTTP CONNECT) makes even "127.0.0.1" someone else's loopback. */
  proxied?: boolean
}

/** The host is this machine: an IPv4 127/8 address, ::1 (also IPv4-mapped), or the name localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true
  if (isIP(bare) === 4) return bare.startsWith('127.')
  if (isIP(bare) === 6) {
    // The URL parser writes an IPv6 address in its one short form: ::1, ::ffff:7f00:1.
    const canonical = new URL(`http://[${bare}]/`).hostname
    return canonical === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:/.test(canonical)
  }
  return false
}

export interface LoadRefusal {
  /** remote and proxy: the user may say the server is theirs (each face names how). */
  kind: 'messages' | 'connections' | 'remote' | 'proxy'
  message: string
}

/** Why a load run may not start; undefined when it may. */
export function loadRefusal(target: LoadTarget, counts: { messages: number; connections: number }, allowRemote: boolean): LoadRefusal | undefined {
  const { messages, connections } = counts
  if (!Number.isInteger(messages) || messages < 1 || messages > MAX_LOAD_MESSAGES) {
    return { kind: 'messages', message: `the number of messages must be a whole number from 1 to ${MAX_LOAD_MESSAGES}` }
  }
  if (!Number.isInteger(connections) || connections < 1 || connections > MAX_LOAD_CONNECTIONS) {
    return { kind: 'connections', message: `the number of connections must be a whole number from 1 to ${MAX_LOAD_CONNECTIONS}` }
  }
  if (allowRemote) return undefined
  if (target.proxied) return { kind: 'proxy', message: 'a load send through a proxy reaches a server that may not be yours' }
  if (!isLoopbackHost(target.host)) return { kind: 'remote', message: `the server ${target.host} is not on this machine (loopback), so it may not be yours` }
  return undefined
}
