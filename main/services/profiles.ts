// Server profiles: JSON in the data folder, written atomically. Passwords live in the
// PasswordVault, never in this file, and the renderer only learns whether one is set.
import { randomUUID } from 'node:crypto'
import { rename } from 'node:fs/promises'
import type { Profile, ProfileInput, ProfileSecretName, ProfilesView, SecurityMode } from '../../preload/contract'
import { IPC_ERROR, passwordBoundChanges } from '../../preload/contract'
import { canonicalHost } from '../smtp/host-name'
import { ServiceError } from './errors'
import type { PasswordVault } from './password-vault'
import { readJsonFile, writeJsonAtomic } from '../storage/atomic-file'
import { localInboxProfile } from './local-inbox/local-inbox-profile'
import { connectionOf, PROFILE_SECRETS, secretKey } from './profile-connection'

const PROFILES_VERSION = 1
const SECURITY_MODES: readonly SecurityMode[] = ['none', 'starttls', 'implicit', 'auto']

export type StoredProfile = Omit<Profile, 'hasPassword' | 'hasOauthToken' | 'hasTlsPassphrase' | 'hasProxyPassword'>

interface ProfilesFile {
  version: number
  lastUsedId?: string
  profiles: StoredProfile[]
}

export interface ProfileService {
  view(): ProfilesView
  /** The stored profile, or ENOTFOUND. */
  get(id: string): StoredProfile
  save(input: ProfileInput): Promise<Profile>
  remove(id: string): Promise<void>
  /** The password in clear, for the session service only. */
  revealPassword(id: string): Promise<string | undefined>
  /** Another secret in clear (token, passphrase, proxy password), for the services only. */
  revealSecret(id: string, name: ProfileSecretName): Promise<string | undefined>
  markUsed(id: string): Promise<void>
  /** True until profiles.json is first written: the app's first run, nothing set up yet. */
  isFirstRun(): boolean
}

export interface ProfileServiceOptions {
  /** The list to start from when profiles.json does not exist (the app: the local inbox). */
  firstRunProfiles?: () => StoredProfile[]
}

export async function openProfileService(
  file: string,
  vault: PasswordVault,
  options: ProfileServiceOptions = {},
): Promise<ProfileService> {
  const read = await readJsonFile<ProfilesFile>(file)
  let profiles: StoredProfile[] = []
  let lastUsedId: string | undefined
  // The first-run list is written with the first change (a save, a removal, a send), not
  // at start: until then every start offers it afresh, and starting writes nothing.
  let firstRun = read.state === 'missing'
  if (firstRun) {
    profiles = options.firstRunProfiles?.() ?? []
  } else if (read.state === 'ok' && Array.isArray(read.value?.profiles)) {
    profiles = read.value.profiles.map(normalizeStoredProfile).filter((p): p is StoredProfile => p !== null)
    if (typeof read.value.lastUsedId === 'string') lastUsedId = read.value.lastUsedId
  } else if (read.state !== 'missing') {
    await rename(file, `${file}.unreadable-${Date.now()}`)
  }

  const persist = async () => {
    await writeJsonAtomic(file, {
      version: PROFILES_VERSION,
      ...(lastUsedId !== undefined ? { lastUsedId } : {}),
      profiles,
    } satisfies ProfilesFile)
    firstRun = false
  }
  const toView = (profile: StoredProfile): Profile => {
    const view: Profile = { ...profile, hasPassword: vault.has(profile.id) }
    if (vault.has(secretKey(profile.id, 'oauthToken'))) view.hasOauthToken = true
    if (vault.has(secretKey(profile.id, 'tlsPassphrase'))) view.hasTlsPassphrase = true
    if (vault.has(secretKey(profile.id, 'proxyPassword'))) view.hasProxyPassword = true
    return view
  }
  const find = (id: string): StoredProfile => {
    const profile = profiles.find((p) => p.id === id)
    if (!profile) throw new ServiceError(IPC_ERROR.notFound, 'This server profile no longer exists.', { field: 'profileId' })
    return profile
  }

  return {
    view: () => ({
      profiles: profiles.map(toView),
      secretStoreAvailable: vault.persistent,
      secretStoreBackend: vault.backend,
      ...(lastUsedId !== undefined && profiles.some((p) => p.id === lastUsedId) ? { lastUsedId } : {}),
    }),
    get: find,
    async save(input) {
      const existing = input.id === undefined ? undefined : find(input.id)
      if (existing?.kind === 'local-inbox') {
        // Its address and certificate are the running inbox's, filled in at each send.
        throw new ServiceError(IPC_ERROR.invalidPayload, 'The local test inbox is built in: its settings cannot be changed.', { field: 'id' })
      }
      const profile: StoredProfile = {
        id: existing?.id ?? randomUUID(),
        name: input.name,
        host: input.host,
        port: input.port,
        security: input.security,
        username: input.username,
        clientName: input.clientName,
        allowInvalidCertificate: input.allowInvalidCertificate,
        allowPlaintextAuth: input.allowPlaintextAuth,
        caPem: input.caPem,
        ...connectionOf(input),
      }
      const hostCheck = canonicalHost(profile.host)
      if (!hostCheck.ok) throw new ServiceError(IPC_ERROR.invalidPayload, `host ${hostCheck.problem}.`, { field: 'host' })
      const { password } = input
      // The kept password was given for the old server and its protections, not for these.
      const passwordMoved = existing !== undefined && passwordBoundChanges(existing, profile).length > 0
      profiles = existing ? profiles.map((p) => (p.id === profile.id ? profile : p)) : [...profiles, profile]
      await persist()
      if (password === '' || (password === undefined && passwordMoved)) await vault.remove(profile.id)
      else if (password !== undefined) await vault.set(profile.id, password)
      for (const name of PROFILE_SECRETS) {
        const secret = input[name]
        // Like the password: a token or passphrase kept for the old server is not for this one.
        if (secret === '' || (secret === undefined && passwordMoved)) await vault.remove(secretKey(profile.id, name))
        else if (secret !== undefined) await vault.set(secretKey(profile.id, name), secret)
      }
      return toView(profile)
    },
    async remove(id) {
      find(id)
      profiles = profiles.filter((p) => p.id !== id)
      if (lastUsedId === id) lastUsedId = undefined
      await persist()
      await vault.remove(id)
      for (const name of PROFILE_SECRETS) await vault.remove(secretKey(id, name))
    },
    revealPassword: (id) => vault.reveal(id),
    revealSecret: (id, name) => vault.reveal(secretKey(id, name)),
    async markUsed(id) {
      if (lastUsedId === id) return
      lastUsedId = id
      await persist()
    },
    isFirstRun: () => firstRun,
  }
}

/** Profiles on disk may come from an older version or a hand edit: keep what makes sense. */
function normalizeStoredProfile(raw: unknown): StoredProfile | null {
  if (typeof raw !== 'object' || raw === null) return null
  const p = raw as Record<string, unknown>
  const text = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : '')
  if (p['kind'] === 'local-inbox' && text('id')) {
    // Only its id and name are its own; the rest is the built-in definition.
    return { ...localInboxProfile(), id: text('id'), name: text('name') || localInboxProfile().name }
  }
  const port = p['port']
  // A hand-edited host the resolver would rewrite (control characters, 0x7f.1) is not kept.
  if (!text('id') || !canonicalHost(text('host')).ok || typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    return null
  }
  const security = SECURITY_MODES.includes(p['security'] as SecurityMode) ? (p['security'] as SecurityMode) : 'auto'
  return {
    id: text('id'),
    name: text('name') || text('host'),
    host: text('host'),
    port,
    security,
    username: text('username'),
    clientName: text('clientName'),
    allowInvalidCertificate: p['allowInvalidCertificate'] === true,
    allowPlaintextAuth: p['allowPlaintextAuth'] === true,
    caPem: text('caPem'),
    ...connectionOf(p),
  }
}
