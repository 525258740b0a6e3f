// A secret store for tests: real AES-256-GCM with a random key per store, so ciphertext
// on disk shows neither the password nor its base64 (a fake that base64-encoded would
// make the "no password in any file" test pass for the wrong reason).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { SecretStore } from '../../../main/services/secret-store'

const IV_BYTES = 12
const TAG_BYTES = 16

export interface FakeSecretStoreOptions {
  /** False: behave like Linux without a keyring (Electron's basic_text backend). */
  available?: boolean
  /** Use the same key as another store: "the same OS keyring after a restart". */
  key?: Buffer
}

export interface FakeSecretStore extends SecretStore {
  readonly key: Buffer
}

export function fakeSecretStore(options: FakeSecretStoreOptions = {}): FakeSecretStore {
  const key = options.key ?? randomBytes(32)
  const available = options.available ?? true
  return {
    key,
    isAvailable: async () => available,
    backend: () => (available ? 'test_aes_gcm' : 'basic_text'),
    async encrypt(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    async decrypt(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, IV_BYTES))
      decipher.setAuthTag(encrypted.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(encrypted.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    },
  }
}
