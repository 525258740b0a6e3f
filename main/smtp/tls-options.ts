// The handshake settings a user may choose (TlsClientOptions) as node:tls options: versions,
// ciphers, SNI, a client certificate. Versions below 1.2 need OpenSSL's security level
// lowered (Debian and most builds refuse TLS 1.0 and 1.1 at the default level 1 or 2):
// that is done for this one connection, and the log says so.
import net from 'node:net'
import tls from 'node:tls'
import { SmtpError } from './errors'
import type { TlsClientOptions, TlsVersion } from './types'

export const TLS_VERSIONS: readonly TlsVersion[] = ['1.0', '1.1', '1.2', '1.3']

const PROTOCOL: Record<TlsVersion, tls.SecureVersion> = { '1.0': 'TLSv1', '1.1': 'TLSv1.1', '1.2': 'TLSv1.2', '1.3': 'TLSv1.3' }

/** Our default floor: TLS 1.2 (RFC 8996 deprecates 1.0 and 1.1). */
export const DEFAULT_MIN_VERSION: TlsVersion = '1.2'

/** OpenSSL's level 0 permits the SHA-1 signatures and small keys that TLS 1.0 and 1.1 need. */
const LOW_SECURITY_LEVEL = '@SECLEVEL=0'

export interface TlsConnectOptions {
  options: tls.ConnectionOptions
  /** Lines for the wire log before the handshake (lowered security level, certificate offered). */
  notes: string[]
}

const order = (version: TlsVersion) => TLS_VERSIONS.indexOf(version)

/** The node:tls options for `client`, checked (a bad key or passphrase is an ETLS before any byte goes out). */
export function tlsConnectOptions(name: string, client: TlsClientOptions = {}): TlsConnectOptions {
  const notes: string[] = []
  const min = client.minVersion ?? DEFAULT_MIN_VERSION
  const max = client.maxVersion ?? '1.3'
  if (order(min) > order(max)) throw new SmtpError('ETLS', `the lowest TLS version (${min}) is above the highest (${max})`, { phase: 'connect' })
  const options: tls.ConnectionOptions = { minVersion: PROTOCOL[min], maxVersion: PROTOCOL[max] }
  let ciphers = client.ciphers
  if (order(min) < order('1.2')) {
    ciphers = `${ciphers ?? 'DEFAULT'}${LOW_SECURITY_LEVEL}`
    notes.push(`TLS ${min} allowed: OpenSSL's security level is lowered to 0 for this connection only (TLS 1.0 and 1.1 are refused at the default level)`)
  }
  if (ciphers !== undefined) options.ciphers = ciphers
  const sni = client.sni === undefined ? (net.isIP(name) ? undefined : name) : client.sni
  // An empty servername sends no SNI at all; the certificate is still checked against `name`.
  options.servername = sni ?? ''
  if (client.sni === null) notes.push('no SNI sent, as asked')
  else if (client.sni !== undefined) notes.push(`SNI: ${client.sni}`)
  const identity = clientIdentity(client)
  if (identity) Object.assign(options, identity)
  return { options, notes }
}

/** The client certificate options, checked by building a context from them once. */
function clientIdentity(client: TlsClientOptions): tls.ConnectionOptions | undefined {
  const passphrase = client.passphrase !== undefined && client.passphrase !== '' ? { passphrase: client.passphrase } : {}
  let options: tls.ConnectionOptions
  if (client.pfx) options = { pfx: Buffer.from(client.pfx), ...passphrase }
  else if (client.cert !== undefined || client.key !== undefined) {
    if (client.cert === undefined || client.key === undefined) throw new SmtpError('ETLS', 'a client certificate needs both the certificate and its key', { phase: 'connect' })
    options = { cert: client.cert, key: client.key, ...passphrase }
  } else return undefined
  try {
    // Now, so that a wrong passphrase or a key that does not match fails before connecting.
    tls.createSecureContext(options)
  } catch (error) {
    throw new SmtpError('ETLS', `cannot use the client certificate: ${clientKeyProblem(error, client)}`, { phase: 'connect', cause: error })
  }
  return options
}

function clientKeyProblem(error: unknown, client: TlsClientOptions): string {
  const text = error instanceof Error ? error.message : String(error)
  if (/bad decrypt|mac verify failure|bad password|decrypt|passphrase|PKCS12/i.test(text)) {
    return client.passphrase ? 'the passphrase is wrong' : 'the key is encrypted and needs a passphrase'
  }
  if (/key values mismatch/i.test(text)) return 'the key does not belong to the certificate'
  return text.split('\n')[0]!
}

/** After the handshake: the client certificate the server could see (subject, issuer, fingerprint), or undefined. */
export function describeClientCertificate(socket: tls.TLSSocket): string | undefined {
  const cert = socket.getCertificate()
  if (!cert || !('fingerprint256' in cert) || !cert.fingerprint256) return undefined
  const name = (entry: unknown) =>
    entry && typeof entry === 'object' ? Object.entries(entry as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`).join(', ') : String(entry)
  return `${name(cert.subject)}, issued by ${name(cert.issuer)}, SHA-256 ${cert.fingerprint256}`
}

/** True when a PEM private key is encrypted (the CLI then asks for its passphrase). */
export function pemKeyIsEncrypted(pem: string): boolean {
  return /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem)
}

/** True when a PKCS#12 bundle cannot be opened without a passphrase. */
export function pfxNeedsPassphrase(pfx: Uint8Array): boolean {
  try {
    tls.createSecureContext({ pfx: Buffer.from(pfx) })
    return false
  } catch {
    return true
  }
}
