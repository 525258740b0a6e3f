// Where `mailwire inbox` listens: --host (an IP address, or localhost) and --port.
import { isIP } from 'node:net'
import { InputError } from './input-error'

const MAX_PORT = 65535

/** An address literal, so the inbox binds exactly what was asked: no name lookup decides it. */
export function parseListenHost(text: string): string {
  const host = text.trim().replace(/^\[(.*)\]$/, '$1')
  if (host.toLowerCase() === 'localhost') return 'localhost'
  if (!isIP(host)) throw new InputError(`--host must be an IP address to listen on, or localhost (got '${text}')`)
  return host
}

/** 0 asks the system for a free port. */
export function parseListenPort(text: string): number {
  if (!/^\d{1,5}$/.test(text.trim()) || Number(text) > MAX_PORT) {
    throw new InputError(`--port must be a number from 0 to ${MAX_PORT} (0: any free port; got '${text}')`)
  }
  return Number(text)
}

/** Reachable from this machine only: 127.0.0.0/8 (RFC 1122 section 3.2.1.3), ::1 (RFC 4291), localhost. */
export function isLoopback(host: string): boolean {
  const address = host.toLowerCase().replace(/^::ffff:/, '')
  return address === 'localhost' || address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address)
}

/** host:port as a client would write it ([::1]:2525 for IPv6). */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}
