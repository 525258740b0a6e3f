// A second line of defence behind the engine's own masking: before a wire event or a
// result leaves the session service (for the renderer or for history), every form in
// which a credential could travel is replaced by the mask. The engine should never let
// one through; if it ever does, it still goes no further than the socket.

import type { ConnectionIdentity } from '../../smtp/types'

export const MASK = '********'

/** The strings that would give the password away: clear, and as each AUTH mechanism sends it. */
export function secretForms(user: string, password: string): string[] {
  if (!password) return []
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
  const forms = [
    password,
    b64(password), // AUTH LOGIN
    b64(`\0${user}\0${password}`), // AUTH PLAIN (RFC 4616), empty authorization identity
    b64(`${user}\0${user}\0${password}`), // AUTH PLAIN with authzid = authcid
    b64(`user=${user}\x01auth=Bearer ${password}\x01\x01`), // XOAUTH2
    b64(`n,a=${user.replace(/=/g, '=3D').replace(/,/g, '=2C')},\x01auth=Bearer ${password}\x01\x01`), // OAUTHBEARER (RFC 7628)
  ]
  // Longest first, so a form that contains another is masked whole.
  return [...new Set(forms)].sort((a, b) => b.length - a.length)
}

/** The secrets of a connection's identity options: a key's passphrase, a proxy password (and its Basic form). */
export function identitySecretForms(identity: ConnectionIdentity): string[] {
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
  const forms: string[] = []
  const passphrase = identity.tlsClient?.passphrase
  if (passphrase) forms.push(passphrase)
  const proxy = identity.proxy
  if (proxy?.password) forms.push(proxy.password, b64(proxy.password), b64(`${proxy.user ?? ''}:${proxy.password}`))
  return forms
}

export type Redactor = <T>(value: T) => T

/** Deep-copy `value` with every secret form masked in every string. Identity when there are none. */
export function createRedactor(secrets: readonly string[]): Redactor {
  if (secrets.length === 0) return (value) => value
  const maskText = (text: string) => secrets.reduce((masked, secret) => masked.split(secret).join(MASK), text)
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return secrets.some((secret) => value.includes(secret)) ? maskText(value) : value
    if (Array.isArray(value)) return value.map(walk)
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, walk(inner)]))
    }
    return value
  }
  return <T>(value: T) => walk(value) as T
}
