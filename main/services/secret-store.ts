// The OS secret store, as the services see it. In Electron it is `safeStorage`
// (adapters/safe-storage-secret-store.ts); tests pass a real cipher with a test key.

// Asynchronous, as Electron 45's safeStorage is (its synchronous calls are deprecated).
export interface SecretStore {
  /** False when the OS offers no real protection (Linux `basic_text`, or no encryption at all). */
  isAvailable(): Promise<boolean>
  /** The backend's name, for the warning the UI shows ("gnome_libsecret", "basic_text"...). */
  backend(): string
  encrypt(plain: string): Promise<Buffer>
  /** Rejects when the data was encrypted by another keyring. */
  decrypt(encrypted: Buffer): Promise<string>
}
