// Profile passwords, kept apart from profiles.json. With a real OS secret store each
// password is encrypted on its own and decrypted only when a session needs it. Without
// one (Linux with no keyring: Electron's `basic_text`), passwords stay in memory for this
// run and are never written: a file "encrypted" with a hard-coded key protects nothing.
import { rename } from 'node:fs/promises'
import { readJsonFile, writeJsonAtomic } from '../storage/atomic-file'
import type { SecretStore } from './secret-store'

const VAULT_VERSION = 1

interface VaultFile {
  version: number
  /** Profile id → base64 of the secret store's ciphertext. */
  entries: Record<string, string>
}

export interface PasswordVault {
  /** True when passwords are encrypted by the OS store and survive a restart. */
  readonly persistent: boolean
  readonly backend: string
  has(profileId: string): boolean
  /** The password in clear: for the session service only, never for IPC. */
  reveal(profileId: string): Promise<string | undefined>
  set(profileId: string, password: string): Promise<void>
  remove(profileId: string): Promise<void>
}

export async function openPasswordVault(file: string, store: SecretStore): Promise<PasswordVault> {
  if (!(await store.isAvailable())) return memoryVault(store.backend())
  const read = await readJsonFile<VaultFile>(file)
  let entries: Record<string, string> = {}
  if (read.state === 'ok' && isVaultFile(read.value)) entries = { ...read.value.entries }
  // Keep a file we cannot read for the user to inspect rather than overwrite it.
  else if (read.state !== 'missing') await rename(file, `${file}.unreadable-${Date.now()}`)
  // Entries another keyring encrypted (a new login, a copied profile folder) are gone for
  // good: drop them so the UI asks for the password again instead of failing at AUTH.
  const checked = await Promise.all(
    Object.entries(entries).map(async ([id, entry]) => ((await decrypts(store, entry)) ? [[id, entry] as const] : [])),
  )
  return encryptedVault(file, store, Object.fromEntries(checked.flat()))
}

async function decrypts(store: SecretStore, entry: string): Promise<boolean> {
  try {
    await store.decrypt(Buffer.from(entry, 'base64'))
    return true
  } catch {
    return false
  }
}

function isVaultFile(value: unknown): value is VaultFile {
  if (typeof value !== 'object' || value === null) return false
  const { version, entries } = value as Partial<VaultFile>
  return (
    version === VAULT_VERSION &&
    typeof entries === 'object' &&
    entries !== null &&
    Object.values(entries).every((entry) => typeof entry === 'string')
  )
}

function memoryVault(backend: string): PasswordVault {
  const passwords = new Map<string, string>()
  return {
    persistent: false,
    backend,
    has: (id) => passwords.has(id),
    reveal: async (id) => passwords.get(id),
    set: async (id, password) => void passwords.set(id, password),
    remove: async (id) => void passwords.delete(id),
  }
}

function encryptedVault(file: string, store: SecretStore, initial: Record<string, string>): PasswordVault {
  const entries = new Map(Object.entries(initial))
  const persist = () => writeJsonAtomic(file, { version: VAULT_VERSION, entries: Object.fromEntries(entries) })
  return {
    persistent: true,
    backend: store.backend(),
    has: (id) => entries.has(id),
    async reveal(id) {
      const entry = entries.get(id)
      if (entry === undefined) return undefined
      try {
        return await store.decrypt(Buffer.from(entry, 'base64'))
      } catch {
        // The keyring changed (new login, restored profile): the password is gone.
        return undefined
      }
    },
    async set(id, password) {
      entries.set(id, (await store.encrypt(password)).toString('base64'))
      await persist()
    },
    async remove(id) {
      if (entries.delete(id)) await persist()
    },
  }
}
