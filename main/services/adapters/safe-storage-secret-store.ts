// The OS secret store through Electron's safeStorage: Keychain on macOS, DPAPI on Windows,
// libsecret or KWallet on Linux. Linux without either falls back to `basic_text`, a key
// hard-coded in Chromium: we count that as no store at all (see password-vault.ts).
import { safeStorage } from 'electron'
import type { SecretStore } from '../secret-store'

function backend(): string {
  if (process.platform === 'darwin') return 'keychain'
  if (process.platform === 'win32') return 'dpapi'
  return safeStorage.getSelectedStorageBackend()
}

/** Call after app 'ready': before it, Linux cannot tell which backend it will use. */
export function safeStorageSecretStore(): SecretStore {
  return {
    isAvailable: async () => (await safeStorage.isAsyncEncryptionAvailable()) && backend() !== 'basic_text',
    backend,
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    decrypt: async (encrypted) => (await safeStorage.decryptStringAsync(encrypted)).result,
  }
}
