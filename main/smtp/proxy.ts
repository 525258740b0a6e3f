// The hop through a proxy, over a TCP connection to the proxy that transport.ts opened:
// SOCKS5 (RFC 1928, user name and password by RFC 1929) through the `socks` package, or
// HTTP CONNECT (RFC 9110 9.3.6). Afterwards the socket carries the SMTP session as if it
// were connected to the server itself. Every step of the hop is its own line in the log.
import type net from 'node:net'
import { SmtpError } from './errors'
import type { TransportScope } from './transport'
import type { ProxyOptions } from './types'

/** A proxy's answer to CONNECT is a few header lines; more than this is not a proxy. */
const MAX_CONNECT_RESPONSE = 16 * 1024

export const proxyLabel = (proxy: ProxyOptions) => (proxy.protocol === 'http' ? 'HTTP' : proxy.protocol === 'socks5h' ? 'SOCKS5 (names resolved by the proxy)' : 'SOCKS5')

/** "Basic dXNlcjpwYXNz" for an HTTP proxy's login. */
export const basicCredentials = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

/** The strings of a proxy's login that must never reach a log. */
export function proxySecrets(proxy: ProxyOptions | undefined): string[] {
  if (!proxy?.password) return []
  return [proxy.password, Buffer.from(proxy.password).toString('base64'), basicCredentials(proxy.user ?? '', proxy.password).slice('Basic '.length)]
}

/** Ask the proxy on `hop` for a tunnel to target:port; resolves with the socket that now reaches the server. */
export async function tunnel(hop: net.Socket, proxy: ProxyOptions, target: string, port: number, scope: TransportScope): Promise<net.Socket> {
  return proxy.protocol === 'http' ? httpConnect(hop, proxy, target, port, scope) : socks5Connect(hop, proxy, target, port, scope)
}

async function socks5Connect(hop: net.Socket, proxy: ProxyOptions, target: string, port: number, scope: TransportScope): Promise<net.Socket> {
  const login = proxy.user !== undefined ? ` as ${proxy.user}` : ''
  scope.wire.emit('info', `proxy: SOCKS5 CONNECT ${target} port ${port}${login}`)
  // Bytes the server sends right behind the proxy's answer: `socks` hands them on as a
  // 'data' event, before the connection listens. Kept and put back for it.
  const early: Buffer[] = []
  const keep = (chunk: Buffer) => early.push(chunk)
  try {
    // Loaded here, when a proxy is used: `socks` took 58 ms of a send's start-up (load 11) for every send.
    const { SocksClient } = await import('socks')
    const { socket } = await scope.guard(
      SocksClient.createConnection({
        command: 'connect',
        destination: { host: target, port },
        proxy: { host: proxy.host, port: proxy.port, type: 5, ...(proxy.user !== undefined ? { userId: proxy.user, password: proxy.password ?? '' } : {}) },
        existing_socket: hop,
      }),
    )
    socket.on('data', keep)
    await scope.guard(new Promise<void>((resolve) => setImmediate(resolve)))
    socket.removeListener('data', keep)
    socket.pause()
    if (early.length > 0) socket.unshift(Buffer.concat(early))
    scope.wire.emit('info', `proxy: SOCKS5 tunnel to ${target} port ${port} open`)
    return socket
  } catch (error) {
    if (error instanceof SmtpError) throw error
    throw new SmtpError('ECONNECT', `the SOCKS5 proxy ${proxy.host} port ${proxy.port} did not open a tunnel to ${target} port ${port}: ${socksReason(error)}`, {
      phase: 'connect',
      temporary: true,
      cause: error,
    })
  }
}

function socksReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  if (/authentication failed/i.test(text)) return 'the proxy refused the user name or password'
  if (/no acceptable authentication|auth.*method/i.test(text)) return 'the proxy wants a login (or a kind of login we do not speak)'
  if (/ConnectionRefused/i.test(text)) return 'the server refused the proxy\'s connection'
  if (/HostUnreachable|NetworkUnreachable/i.test(text)) return 'the proxy cannot reach the server'
  if (/Socket closed/i.test(text)) return 'the proxy closed the connection'
  return text
}

async function httpConnect(hop: net.Socket, proxy: ProxyOptions, target: string, port: number, scope: TransportScope): Promise<net.Socket> {
  const authority = `${target.includes(':') ? `[${target}]` : target}:${port}`
  const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`]
  if (proxy.user !== undefined) lines.push(`Proxy-Authorization: ${basicCredentials(proxy.user, proxy.password ?? '')}`)
  for (const line of lines) scope.wire.emit('info', `proxy: ${line.startsWith('Proxy-Authorization') ? `Proxy-Authorization: Basic ****` : line}`)
  hop.write(`${lines.join('\r\n')}\r\n\r\n`)
  const { head, rest } = await scope.guard(readHead(hop))
  const [statusLine = ''] = head.split('\r\n')
  scope.wire.emit('info', `proxy: ${statusLine}`)
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]
  if (status === undefined || !status.startsWith('2')) {
    const why = status === '407' ? 'the proxy wants a login, or refused the one given' : status === undefined ? 'the answer is not HTTP' : 'the proxy refused the tunnel'
    throw new SmtpError('ECONNECT', `the HTTP proxy ${proxy.host} port ${proxy.port} did not open a tunnel to ${authority}: ${why} (${statusLine.slice(0, 200)})`, {
      phase: 'connect',
      temporary: true,
    })
  }
  if (rest.length > 0) hop.unshift(rest)
  scope.wire.emit('info', `proxy: HTTP tunnel to ${authority} open`)
  return hop
}

/** The proxy's response head (up to the blank line), and the bytes after it (the server's first, maybe). */
function readHead(socket: net.Socket): Promise<{ head: string; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0)
    const cleanup = () => {
      socket.removeListener('data', onData)
      socket.removeListener('error', onError)
      socket.removeListener('close', onClose)
    }
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk])
      const end = buffered.indexOf('\r\n\r\n')
      if (end === -1) {
        if (buffered.length > MAX_CONNECT_RESPONSE) {
          cleanup()
          reject(new SmtpError('ECONNECT', `the HTTP proxy answered CONNECT with more than ${MAX_CONNECT_RESPONSE} bytes of headers`, { phase: 'connect' }))
        }
        return
      }
      cleanup()
      socket.pause()
      resolve({ head: buffered.subarray(0, end).toString('latin1'), rest: buffered.subarray(end + 4) })
    }
    const onError = (error: Error) => {
      cleanup()
      reject(new SmtpError('ECONNECT', `the HTTP proxy connection failed: ${error.message}`, { phase: 'connect', temporary: true, cause: error }))
    }
    const onClose = () => {
      cleanup()
      reject(new SmtpError('ECONNECT', 'the HTTP proxy closed the connection before answering CONNECT', { phase: 'connect', temporary: true }))
    }
    socket.on('data', onData)
    socket.once('error', onError)
    socket.once('close', onClose)
  })
}
