// A server profile from the profile form. Everything that reaches the wire (host, EHLO
// name, user name, password) is one line; the password is write-only and never echoed.
import net from 'node:net'
import type { ProfileInput, SecurityMode } from '../../../preload/contract'
import { canonicalHost, controlCharacterProblem } from '../../smtp/host-name'
import { AUTH_MECHANISMS, TLS_VERSIONS } from '../../services/profile-connection'
import { parseProxyUrl } from '../../smtp/proxy-url'
import { PayloadError, boolean, integer, object, oneOf, optional, text, type Check } from './checks'
import { id } from './ids'
import {
  MAX_CA_PEM_CHARS,
  MAX_CLIENT_NAME_CHARS,
  MAX_HOST_CHARS,
  MAX_PASSWORD_CHARS,
  MAX_PATH_CHARS,
  MAX_PROFILE_NAME_CHARS,
  MAX_USERNAME_CHARS,
} from './limits'

/** A host name, an IPv4 address or an IPv6 address (bare or in brackets): no spaces, no slashes. */
const HOST = /^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*|[\p{L}\p{N}._-]+)$/u
/** An EHLO argument: a domain or an address literal (RFC 5321 section 4.1.3). */
const CLIENT_NAME = /^(\[[0-9a-zA-Z:.-]+\]|[\p{L}\p{N}._-]+)$/u
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/

export const securityMode = oneOf<SecurityMode>({ none: true, starttls: true, implicit: true, auto: true })

/**
 * The host, checked for what the resolver would rewrite (main/smtp/host-name.ts): a control
 * character is refused before anything else, and so are 0x7f.1, 127.1 and their kin.
 */
export const host: Check<string> = (value, field) => {
  const control = typeof value === 'string' ? controlCharacterProblem(value) : undefined
  if (control) throw new PayloadError(field, `${field} ${control}.`)
  const trimmed = text({ max: MAX_HOST_CHARS, singleLine: true, required: true })(value, field).trim()
  if (!HOST.test(trimmed)) throw new PayloadError(field, `${field} must be a host name or an IP address.`)
  const canonical = canonicalHost(trimmed)
  if (!canonical.ok) throw new PayloadError(field, `${field} ${canonical.problem}.`)
  return trimmed
}

const clientName: Check<string> = (value, field) => {
  const checked = text({ max: MAX_CLIENT_NAME_CHARS, singleLine: true })(value, field).trim()
  if (checked !== '' && !CLIENT_NAME.test(checked)) {
    throw new PayloadError(field, `${field} must be a domain name or an address literal like [192.0.2.1].`)
  }
  return checked
}

const caPem: Check<string> = (value, field) => {
  const checked = text({ max: MAX_CA_PEM_CHARS })(value, field)
  if (checked.trim() !== '' && !PEM_BLOCK.test(checked)) {
    throw new PayloadError(field, `${field} must be PEM certificates (-----BEGIN CERTIFICATE-----).`)
  }
  if (checked.includes('PRIVATE KEY')) throw new PayloadError(field, `${field} must hold certificates only, not a private key.`)
  return checked
}

/** An OAuth2 access token: Microsoft's run to a few kilobytes. */
const MAX_TOKEN_CHARS = 16 * 1024

/** A choice that may be left empty (the default): empty is absent. */
function optionalChoice<T extends string>(choices: readonly T[]): Check<T | undefined> {
  const check = oneOf<T>(Object.fromEntries(choices.map((choice) => [choice, true])) as Record<T, true>)
  return (value, field) => (value === undefined || value === '' ? undefined : check(value, field))
}

/** One line of text that `valid` accepts (it throws with the reason), or empty. */
function optionalLine(max: number, valid?: (text: string) => void): Check<string | undefined> {
  return (value, field) => {
    if (value === undefined) return undefined
    const checked = text({ max, singleLine: true })(value, field).trim()
    if (checked === '') return undefined
    try {
      valid?.(checked)
    } catch (error) {
      throw new PayloadError(field, `${field}: ${(error as Error).message}`)
    }
    return checked
  }
}

const secret = (max: number) => optional(text({ max, singleLine: true }))

export const profileInput: Check<ProfileInput> = object({
  id: optional(id),
  name: text({ max: MAX_PROFILE_NAME_CHARS, singleLine: true, required: true }),
  host,
  port: integer(1, 65535),
  security: securityMode,
  username: text({ max: MAX_USERNAME_CHARS, singleLine: true }),
  clientName,
  allowInvalidCertificate: boolean,
  allowPlaintextAuth: boolean,
  caPem,
  password: optional(text({ max: MAX_PASSWORD_CHARS, singleLine: true })),
  authMechanism: optionalChoice(AUTH_MECHANISMS),
  tlsMinVersion: optionalChoice(TLS_VERSIONS),
  tlsMaxVersion: optionalChoice(TLS_VERSIONS),
  tlsCiphers: optionalLine(1024, (list) => {
    if (!/^[\x21-\x7e]+$/.test(list)) throw new Error('an OpenSSL cipher list has no spaces')
  }),
  tlsSni: optionalLine(MAX_HOST_CHARS, (name) => {
    if (!/^[A-Za-z0-9.-]+$/.test(name)) throw new Error('a host name, or none')
  }),
  tlsCertPath: optionalLine(MAX_PATH_CHARS),
  tlsKeyPath: optionalLine(MAX_PATH_CHARS),
  tlsPfxPath: optionalLine(MAX_PATH_CHARS),
  proxyUrl: optionalLine(MAX_HOST_CHARS + 100, (url) => void parseProxyUrl(url)),
  proxyProtocol: optionalChoice(['v1', 'v2'] as const),
  protocol: optionalChoice(['smtp', 'lmtp'] as const),
  localAddress: optionalLine(64, (address) => {
    if (net.isIP(address) === 0) throw new Error('an IP address of this computer')
  }),
  waitLimits: optionalChoice(['rfc5321'] as const),
  dkimDomain: optionalLine(MAX_HOST_CHARS),
  dkimSelector: optionalLine(MAX_HOST_CHARS),
  dkimKeyPath: optionalLine(MAX_PATH_CHARS),
  dkimHeaders: optionalLine(1024),
  oauthToken: secret(MAX_TOKEN_CHARS),
  tlsPassphrase: secret(MAX_PASSWORD_CHARS),
  proxyPassword: secret(MAX_PASSWORD_CHARS),
})
