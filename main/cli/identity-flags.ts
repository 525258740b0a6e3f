// The flags of how a connection identifies itself and travels: the AUTH mechanism, TLS
// versions, ciphers, SNI and a client certificate, a proxy, a PROXY header and a source
// address. Parsed and checked here (args.ts); files and secrets are read later (identity.ts).
import net from 'node:net'
import { parseProxyUrl } from '../smtp/proxy-url'
import type { AuthMechanism, ProxyHeaderOptions, ProxyOptions, TlsVersion } from '../smtp/types'
import { oneOf } from './flag-values'
import { InputError } from './input-error'

export const AUTH_MECHANISMS: readonly AuthMechanism[] = ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2', 'OAUTHBEARER']
export const TLS_VERSION_VALUES: readonly TlsVersion[] = ['1.0', '1.1', '1.2', '1.3']
const PROXY_HEADER_VERSIONS: readonly ProxyHeaderOptions['version'][] = ['v1', 'v2']

/** What the connection flags (send and probe) add. */
export interface IdentityArgs {
  tlsCertPath?: string
  tlsKeyPath?: string
  tlsPfxPath?: string
  tlsMin?: TlsVersion
  tlsMax?: TlsVersion
  tlsCiphers?: string
  /** null: --tls-sni none. */
  tlsSni?: string | null
  /** Without its password (MAILWIRE_PROXY_PASSWORD or a prompt). */
  proxy?: Omit<ProxyOptions, 'password'>
  proxyHeader?: ProxyHeaderOptions
  localAddress?: string
  /** probe --tls-versions: try each TLS version on its own connection. */
  tlsVersions?: boolean
}

/** What the login flags (send) add. */
export interface AuthArgs {
  authMech?: AuthMechanism
}

export interface IdentityFlagSource {
  strings: Map<string, string>
  booleans: Set<string>
}

export function parseIdentityFlags(raw: IdentityFlagSource): IdentityArgs {
  const get = (flag: string) => raw.strings.get(flag)
  const [cert, key, pfx] = [get('tls-cert'), get('tls-key'), get('tls-pfx')]
  if (pfx !== undefined && (cert !== undefined || key !== undefined)) throw new InputError('give either --tls-pfx or --tls-cert with --tls-key, not both')
  if ((cert === undefined) !== (key === undefined)) throw new InputError('--tls-cert and --tls-key go together: the certificate and its private key (PEM)')
  const tlsMin = get('tls-min') === undefined ? undefined : oneOf('tls-min', get('tls-min'), TLS_VERSION_VALUES, '1.2')
  const tlsMax = get('tls-max') === undefined ? undefined : oneOf('tls-max', get('tls-max'), TLS_VERSION_VALUES, '1.3')
  if (tlsMin && tlsMax && TLS_VERSION_VALUES.indexOf(tlsMin) > TLS_VERSION_VALUES.indexOf(tlsMax)) {
    throw new InputError(`--tls-min ${tlsMin} is above --tls-max ${tlsMax}`)
  }
  const ciphers = get('tls-ciphers')
  if (ciphers !== undefined && !/^[\x21-\x7e]+$/.test(ciphers)) throw new InputError(`--tls-ciphers must be an OpenSSL cipher list without spaces (got '${ciphers}')`)
  const sni = get('tls-sni')
  if (sni !== undefined && sni !== 'none' && !/^[A-Za-z0-9.-]+$/.test(sni)) throw new InputError(`--tls-sni must be a host name, or none (got '${sni}')`)
  const localAddress = get('local-address')
  if (localAddress !== undefined && net.isIP(localAddress) === 0) throw new InputError(`--local-address must be an IP address of this machine (got '${localAddress}')`)
  return {
    ...(cert !== undefined ? { tlsCertPath: cert, tlsKeyPath: key! } : {}),
    ...(pfx !== undefined ? { tlsPfxPath: pfx } : {}),
    ...(tlsMin ? { tlsMin } : {}),
    ...(tlsMax ? { tlsMax } : {}),
    ...(ciphers !== undefined ? { tlsCiphers: ciphers } : {}),
    ...(sni !== undefined ? { tlsSni: sni === 'none' ? null : sni } : {}),
    ...proxyFlags(raw),
    ...(localAddress !== undefined ? { localAddress } : {}),
    ...(raw.booleans.has('tls-versions') ? { tlsVersions: true } : {}),
  }
}

function proxyFlags(raw: IdentityFlagSource): Pick<IdentityArgs, 'proxy' | 'proxyHeader'> {
  const url = raw.strings.get('proxy')
  let proxy: IdentityArgs['proxy']
  if (url !== undefined) {
    try {
      proxy = parseProxyUrl(url)
    } catch (error) {
      throw new InputError(`--proxy: ${(error as Error).message}`)
    }
  }
  const version = raw.strings.get('proxy-protocol')
  const sourceText = raw.strings.get('proxy-source')
  if (sourceText !== undefined && version === undefined) throw new InputError('--proxy-source goes with --proxy-protocol v1|v2')
  const proxyHeader: ProxyHeaderOptions | undefined =
    version === undefined ? undefined : { version: oneOf('proxy-protocol', version, PROXY_HEADER_VERSIONS, 'v1'), ...(sourceText !== undefined ? { source: parseSource(sourceText) } : {}) }
  return { ...(proxy ? { proxy } : {}), ...(proxyHeader ? { proxyHeader } : {}) }
}

/** "192.0.2.7:40000", "[2001:db8::7]:40000", or an address alone (port 0 then: unknown). */
function parseSource(text: string): { address: string; port: number } {
  const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(text) ?? /^([^:]+)(?::(\d+))?$/.exec(text) ?? [text, text, undefined]
  const address = match[1]!
  const port = match[2] === undefined ? 0 : Number(match[2])
  if (net.isIP(address) === 0 || port > 65535) throw new InputError(`--proxy-source must be IP[:PORT] (got '${text}')`)
  return { address, port }
}

export function parseAuthFlags(raw: IdentityFlagSource): AuthArgs {
  const text = raw.strings.get('auth-mech')
  const authMech = text === undefined ? undefined : oneOf('auth-mech', text.toUpperCase(), AUTH_MECHANISMS, 'PLAIN')
  return authMech ? { authMech } : {}
}

/** The connection flags of this file: they do not apply to send --local. */
export const IDENTITY_FLAGS = ['tls-cert', 'tls-key', 'tls-pfx', 'tls-min', 'tls-max', 'tls-ciphers', 'tls-sni', 'proxy', 'proxy-protocol', 'proxy-source', 'local-address'] as const
