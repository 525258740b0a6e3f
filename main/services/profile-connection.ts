// A profile's connection and identity settings (ProfileConnection): kept from a saved
// input or a profiles.json entry (only known values), and turned into engine options with
// its files read and its secrets revealed, for the services that open connections.
import { readFile } from 'node:fs/promises'
import type { ProfileConnection, ProfileSecretName } from '../../preload/contract'
import { IPC_ERROR } from '../../preload/contract'
import { parseProxyUrl } from '../smtp/proxy-url'
import { INTERACTIVE_TIMEOUTS } from '../smtp/timeouts'
import type { AuthMechanism, ConnectionIdentity, Timeouts, TlsClientOptions, TlsVersion } from '../smtp/types'
import { ServiceError } from './errors'

export const PROFILE_SECRETS: readonly ProfileSecretName[] = ['oauthToken', 'tlsPassphrase', 'proxyPassword']
export const AUTH_MECHANISMS: readonly AuthMechanism[] = ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2', 'OAUTHBEARER']
export const TLS_VERSIONS: readonly TlsVersion[] = ['1.0', '1.1', '1.2', '1.3']

/** The vault key of a profile's other secrets, beside its password (kept under the bare id). */
export const secretKey = (profileId: string, name: ProfileSecretName) => `${profileId}#${name}`

/** True for the mechanisms that log in with an OAuth2 token instead of the password. */
export const usesOAuthToken = (mechanism: AuthMechanism | undefined) => mechanism === 'XOAUTH2' || mechanism === 'OAUTHBEARER'

/** The known settings of `raw` (a checked input, or a hand-edited file), empty ones left out. */
export function connectionOf(raw: Record<string, unknown> | ProfileConnection): ProfileConnection {
  const value = raw as Record<string, unknown>
  const text = (key: keyof ProfileConnection) => (typeof value[key] === 'string' && value[key] !== '' ? { [key]: value[key] as string } : {})
  const pick = <T extends string>(key: keyof ProfileConnection, allowed: readonly T[]) =>
    allowed.includes(value[key] as T) ? { [key]: value[key] as T } : {}
  return {
    ...pick('authMechanism', AUTH_MECHANISMS),
    ...pick('tlsMinVersion', TLS_VERSIONS),
    ...pick('tlsMaxVersion', TLS_VERSIONS),
    ...text('tlsCiphers'),
    ...text('tlsSni'),
    ...text('tlsCertPath'),
    ...text('tlsKeyPath'),
    ...text('tlsPfxPath'),
    ...text('proxyUrl'),
    ...pick('proxyProtocol', ['v1', 'v2'] as const),
    ...text('localAddress'),
    ...pick('protocol', ['smtp', 'lmtp'] as const),
    ...pick('waitLimits', ['rfc5321'] as const),
    ...text('dkimDomain'),
    ...text('dkimSelector'),
    ...text('dkimKeyPath'),
    ...text('dkimHeaders'),
  }
}

/** The timeouts of a profile's sends and probes: short unless it asks for RFC 5321's (absent: the engine's, the RFC's). */
export function timeoutsFor(profile: ProfileConnection | undefined): Partial<Timeouts> | undefined {
  return profile?.waitLimits === 'rfc5321' ? undefined : INTERACTIVE_TIMEOUTS
}

export interface SecretSource {
  revealSecret(id: string, name: ProfileSecretName): Promise<string | undefined>
}

type LoginProfile = ProfileConnection & { id: string; name: string }

/** What AUTH logs in with: the OAuth2 token for XOAUTH2 and OAUTHBEARER, else the stored password; undefined when none is stored. */
export function revealLoginSecret(profile: LoginProfile, secrets: SecretSource & { revealPassword(id: string): Promise<string | undefined> }): Promise<string | undefined> {
  return usesOAuthToken(profile.authMechanism) ? secrets.revealSecret(profile.id, 'oauthToken') : secrets.revealPassword(profile.id)
}

/** The error for a profile with a user name and nothing stored to log in with. */
export function missingLoginSecret(profile: LoginProfile): ServiceError {
  const mechanism = profile.authMechanism
  if (usesOAuthToken(mechanism)) {
    return new ServiceError(IPC_ERROR.invalidPayload, `No OAuth2 token is stored for ${profile.name}: enter it in the profile (AUTH ${mechanism} needs one).`, { field: 'oauthToken' })
  }
  return new ServiceError(IPC_ERROR.invalidPayload, `No password is stored for ${profile.name}: enter it in the profile (it has a user name, so the server expects AUTH).`, { field: 'password' })
}

/** The engine options of a profile's settings: certificate files read, secrets revealed. */
export async function identityFor(profile: ProfileConnection & { id: string }, secrets: SecretSource): Promise<ConnectionIdentity> {
  const identity: ConnectionIdentity = {}
  const tlsClient: TlsClientOptions = {
    ...(profile.tlsMinVersion ? { minVersion: profile.tlsMinVersion } : {}),
    ...(profile.tlsMaxVersion ? { maxVersion: profile.tlsMaxVersion } : {}),
    ...(profile.tlsCiphers ? { ciphers: profile.tlsCiphers } : {}),
    ...(profile.tlsSni ? { sni: profile.tlsSni === 'none' ? null : profile.tlsSni } : {}),
  }
  if (profile.tlsPfxPath) tlsClient.pfx = await readSetting('tlsPfxPath', profile.tlsPfxPath)
  else if (profile.tlsCertPath && profile.tlsKeyPath) {
    tlsClient.cert = (await readSetting('tlsCertPath', profile.tlsCertPath)).toString('utf8')
    tlsClient.key = (await readSetting('tlsKeyPath', profile.tlsKeyPath)).toString('utf8')
  }
  if (tlsClient.pfx || tlsClient.key) {
    const passphrase = await secrets.revealSecret(profile.id, 'tlsPassphrase')
    if (passphrase) tlsClient.passphrase = passphrase
  }
  if (Object.keys(tlsClient).length > 0) identity.tlsClient = tlsClient
  if (profile.proxyUrl) {
    const proxy = parseProxyUrl(profile.proxyUrl)
    const password = proxy.user !== undefined ? await secrets.revealSecret(profile.id, 'proxyPassword') : undefined
    identity.proxy = { ...proxy, ...(password ? { password } : {}) }
  }
  if (profile.proxyProtocol) identity.proxyHeader = { version: profile.proxyProtocol }
  if (profile.localAddress) identity.localAddress = profile.localAddress
  return identity
}

async function readSetting(field: keyof ProfileConnection, path: string): Promise<Buffer> {
  try {
    return await readFile(path)
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message
    throw new ServiceError(IPC_ERROR.invalidPayload, `The client certificate file ${path} cannot be read (${why}): fix it in the server profile.`, { field })
  }
}
