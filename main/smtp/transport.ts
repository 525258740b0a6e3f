// Opening the byte stream under an SMTP connection: DNS, TCP (each address in turn), the
// TLS handshake, and writes that respect backpressure. The connection hands in a scope so
// every wait here ends when the connection fails (timeout, cancel, close).
import { lookup } from 'node:dns/promises'
import net from 'node:net'
import tls from 'node:tls'
import { SmtpError } from './errors'
import { isIP, isIPv6 } from './ip-literal'
import { dnsError, handshakeError, socketError } from './net-errors'
import { describeTls, explainVerification, presentedCa, tlsSummary } from './tls-info'
import { describeClientCertificate, tlsConnectOptions } from './tls-options'
import type { TlsClientOptions, TlsInfo } from './types'
import type { WireLog } from './wire-log'

export interface TransportScope {
  readonly wire: WireLog
  /** Race a promise against the connection failing. */
  guard<T>(promise: Promise<T>): Promise<T>
  /** Throw the connection's failure, if it already failed. */
  check(): void
  /** Remember a socket so that cleanup destroys it. */
  track(socket: net.Socket): void
}

/** The addresses of `host` (an IP literal is its own address), in resolver order. */
export async function resolveHost(host: string, scope: TransportScope): Promise<string[]> {
  if (isIP(host)) return [host]
  scope.wire.emit('info', `resolving ${host}`)
  let addresses: string[]
  try {
    const found = await scope.guard(lookup(host, { all: true }))
    addresses = found.map((entry) => entry.address)
  } catch (error) {
    if (error instanceof SmtpError) throw error
    throw dnsError(error, host)
  }
  if (addresses.length === 0) throw dnsError(Object.assign(new Error('no address'), { code: 'ENODATA' }), host)
  scope.wire.emit('info', `${host} is ${addresses.join(', ')}`)
  return addresses
}

/** "127.0.0.1 port 25", "[::1] port 25". */
export const endpoint = (address: string, port: number) => `${isIPv6(address) ? `[${address}]` : address} port ${port}`

/** A TCP connection to the first address that accepts one. */
export async function openTcp(addresses: string[], port: number, scope: TransportScope, note = '', localAddress?: string): Promise<net.Socket> {
  let last: SmtpError | undefined
  for (const address of addresses) {
    // A cancel or timeout during the lookup: do not open a socket nobody will close.
    scope.check()
    const where = endpoint(address, port)
    scope.wire.emit('info', `connecting to ${where}${note}${localAddress ? ` from ${localAddress}` : ''}`)
    const socket = net.connect({ host: address, port, ...(localAddress ? { localAddress } : {}) })
    scope.track(socket)
    try {
      await scope.guard(settle(socket, 'connect'))
      socket.setNoDelay(true)
      scope.wire.emit('info', `connected to ${where} from ${socket.localAddress} port ${socket.localPort}`)
      return socket
    } catch (error) {
      if (error instanceof SmtpError) throw error
      socket.destroy()
      last = socketError(error, where, 'cannot connect to')
      if (addresses.length > 1) scope.wire.emit('info', last.message)
    }
  }
  throw last!
}

export interface TlsSettings {
  /** The name (or address) the certificate must carry. */
  name: string
  /** For messages: "host port N". */
  where: string
  ca?: string
  /** Verify the certificate (the caller enforces the verdict; see handshake()). */
  verify: boolean
  /** A failed verification is shown and the session goes on (a probe: nothing secret follows). */
  continueUnverified?: boolean
  /** Versions, ciphers, SNI, client certificate (tls-options.ts). */
  client?: TlsClientOptions
}

/**
 * The TLS handshake over `plain`. Node verifies either way and reports authorized and
 * authorizationError; the caller refuses right after, before a single byte is written,
 * so the user sees the certificate that failed. TLS 1.2 at least unless asked otherwise.
 */
export async function handshake(
  plain: net.Socket,
  settings: TlsSettings,
  mode: TlsInfo['mode'],
  scope: TransportScope,
): Promise<{ socket: tls.TLSSocket; info: TlsInfo }> {
  scope.check()
  const { options, notes } = tlsConnectOptions(settings.name, settings.client)
  for (const note of notes) scope.wire.emit('info', note)
  const secure = tls.connect({
    socket: plain,
    host: settings.name,
    rejectUnauthorized: false,
    ...options,
    // The certificate must name the server, whatever SNI name was sent.
    checkServerIdentity: (_sent, cert) => tls.checkServerIdentity(settings.name, cert),
    // `ca` alone would replace Node's default roots (its bundled Mozilla list, not the OS
    // store); the custom CA is trusted in addition to those.
    ...(settings.ca ? { ca: [...tls.rootCertificates, settings.ca] } : {}),
  })
  scope.track(secure)
  try {
    await scope.guard(settle(secure, 'secureConnect'))
  } catch (error) {
    if (error instanceof SmtpError) throw error
    throw handshakeError(error, settings.where, mode)
  }
  return { socket: secure, info: describeTls(secure, mode, !settings.verify) }
}

/**
 * The handshake as the connection reports it: `adopt` takes the TLS socket and its details,
 * a `tls` event follows (inside TLS from here on), and an unverified certificate then ends
 * the session unless verification is off.
 */
export async function secure(
  plain: net.Socket,
  settings: TlsSettings,
  mode: TlsInfo['mode'],
  scope: TransportScope,
  adopt: (socket: tls.TLSSocket, info: TlsInfo) => void,
): Promise<TlsInfo> {
  const { socket, info } = await handshake(plain, settings, mode, scope)
  if (settings.verify && !info.authorized && settings.continueUnverified) {
    // The probe goes on: keep the CA it was shown, so its report can offer to trust it.
    const ca = presentedCa(socket)
    if (ca) info.presentedCa = ca
  }
  adopt(socket, info)
  scope.wire.secure = true
  scope.wire.emit('tls', tlsSummary(info), { tls: info, phase: mode === 'starttls' ? 'starttls' : 'connect' })
  const clientCertificate = settings.client?.cert || settings.client?.pfx ? describeClientCertificate(socket) : undefined
  // Node cannot tell whether the server asked for it: OpenSSL sends it only when asked.
  if (clientCertificate) scope.wire.emit('info', `client certificate for the server when it asks: ${clientCertificate}`)
  if (settings.verify && !info.authorized) {
    const why = explainVerification(info, settings.name)
    if (!settings.continueUnverified) {
      const ca = presentedCa(socket)
      throw new SmtpError('ETLS', `${why}; not continuing`, { remedy: 'trust-certificate', ...(ca ? { presentedCa: ca } : {}) })
    }
    scope.wire.emit('error', `${why}; the probe goes on, as it sends nothing secret, but a send would stop here`)
  }
  return info
}

/** Write; when the socket's buffer is full, wait for 'drain' so memory stays flat. */
export async function writeWithBackpressure(socket: net.Socket, bytes: Buffer, scope: TransportScope): Promise<void> {
  scope.check()
  if (socket.write(bytes)) return
  await scope.guard(new Promise<void>((resolve) => socket.once('drain', resolve)))
}

/**
 * Write, and resolve once the socket has handed the bytes to the kernel: backpressure
 * (nothing more is produced while the socket holds a chunk), and the chunk's memory may be
 * used again. A write error never resolves: the socket's 'error' ends the connection, and
 * the guard rejects with that.
 */
export function writeFully(socket: net.Socket, bytes: Buffer, scope: TransportScope): Promise<void> {
  scope.check()
  return scope.guard(
    new Promise<void>((resolve) => {
      socket.write(bytes, (error) => {
        if (!error) resolve()
      })
    }),
  )
}

/** Resolves on `event`, rejects on 'error'; the other listener is removed either way. */
function settle(socket: net.Socket, event: 'connect' | 'secureConnect'): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => {
      socket.removeListener(event, onEvent)
      reject(error)
    }
    const onEvent = () => {
      socket.removeListener('error', onError)
      resolve()
    }
    socket.once(event, onEvent)
    socket.once('error', onError)
  })
}
