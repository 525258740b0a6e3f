import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ProfileInput } from '../../preload/contract'
import { openPasswordVault } from '../../main/services/password-vault'
import { openProfileService } from '../../main/services/profiles'
import { fakeSecretStore, type FakeSecretStoreOptions } from './support/fake-secret-store'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()
const PASSWORD = 'correct horse battery staple'

const input = (overrides: Partial<ProfileInput> = {}): ProfileInput => ({
  name: 'Test relay',
  host: 'smtp.mailwire.test',
  port: 587,
  security: 'starttls',
  username: 'alice',
  clientName: '',
  allowInvalidCertificate: false,
  allowPlaintextAuth: false,
  caPem: '',
  ...overrides,
})

async function open(dir: string, store: FakeSecretStoreOptions | ReturnType<typeof fakeSecretStore> = {}) {
  const secrets = 'encrypt' in store ? store : fakeSecretStore(store)
  const vault = await openPasswordVault(join(dir, 'passwords.json'), secrets)
  return { profiles: await openProfileService(join(dir, 'profiles.json'), vault), secrets }
}

async function everyFileText(dir: string): Promise<string> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = names.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
  return (await Promise.all(files.map((file) => readFile(file, 'latin1')))).join('\n')
}

describe('profiles', () => {
  it('saves, lists and survives a restart, password encrypted apart from the JSON', async () => {
    const dir = await tempDir()
    const { profiles, secrets } = await open(dir)
    const saved = await profiles.save(input({ password: PASSWORD }))
    expect(saved).toMatchObject({ name: 'Test relay', hasPassword: true })
    expect(saved).not.toHaveProperty('password')

    const again = await open(dir, fakeSecretStore({ key: secrets.key }))
    const view = again.profiles.view()
    expect(view).toEqual({
      profiles: [{ ...input(), id: saved.id, hasPassword: true }],
      secretStoreAvailable: true,
      secretStoreBackend: 'test_aes_gcm',
    })
    expect(await again.profiles.revealPassword(saved.id)).toBe(PASSWORD)

    const onDisk = await everyFileText(dir)
    expect(onDisk).not.toContain(PASSWORD)
    expect(onDisk).not.toContain(Buffer.from(PASSWORD).toString('base64'))
    expect(JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8')).profiles[0]).not.toHaveProperty('hasPassword')
  })

  it('keeps the password when it is absent from an update, and forgets it on an empty string', async () => {
    const { profiles } = await open(await tempDir())
    const saved = await profiles.save(input({ password: PASSWORD }))
    const renamed = await profiles.save(input({ id: saved.id, name: 'Renamed' }))
    expect(renamed).toMatchObject({ id: saved.id, name: 'Renamed', hasPassword: true })
    expect(await profiles.revealPassword(saved.id)).toBe(PASSWORD)
    const forgotten = await profiles.save(input({ id: saved.id, password: '' }))
    expect(forgotten.hasPassword).toBe(false)
    expect(await profiles.revealPassword(saved.id)).toBeUndefined()
  })

  it('removes a profile with its password, and refuses unknown ids', async () => {
    const { profiles } = await open(await tempDir())
    const saved = await profiles.save(input({ password: PASSWORD }))
    await profiles.markUsed(saved.id)
    expect(profiles.view().lastUsedId).toBe(saved.id)
    await profiles.remove(saved.id)
    expect(profiles.view().profiles).toEqual([])
    expect(profiles.view().lastUsedId).toBeUndefined()
    expect(await profiles.revealPassword(saved.id)).toBeUndefined()
    await expect(profiles.remove(saved.id)).rejects.toMatchObject({ code: 'ENOTFOUND' })
    await expect(profiles.save(input({ id: saved.id }))).rejects.toMatchObject({ code: 'ENOTFOUND' })
  })

  it('keeps passwords in memory only when the OS has no real secret store', async () => {
    const dir = await tempDir()
    const { profiles } = await open(dir, { available: false })
    const saved = await profiles.save(input({ password: PASSWORD }))
    expect(profiles.view()).toMatchObject({ secretStoreAvailable: false, secretStoreBackend: 'basic_text' })
    expect(saved.hasPassword).toBe(true)
    expect(await profiles.revealPassword(saved.id)).toBe(PASSWORD)
    expect(await readdir(dir)).toEqual(['profiles.json'])
    expect(await everyFileText(dir)).not.toContain(PASSWORD)

    // The next run starts without it, and says so (hasPassword false).
    const next = await open(dir, { available: false })
    expect(next.profiles.view().profiles[0]?.hasPassword).toBe(false)
  })

  it('loses only the passwords, not the profiles, when the keyring changed', async () => {
    const dir = await tempDir()
    const { profiles } = await open(dir)
    const saved = await profiles.save(input({ password: PASSWORD }))
    const next = await open(dir) // a new random key: another keyring
    expect(next.profiles.view().profiles).toEqual([expect.objectContaining({ id: saved.id, hasPassword: false })])
    expect(await next.profiles.revealPassword(saved.id)).toBeUndefined()
  })

  it.each([
    ['host', { host: 'smtp.elsewhere.test' }],
    ['port', { port: 25 }],
    ['security', { security: 'none' as const }],
    ['cleartext opt-in', { allowPlaintextAuth: true }],
    ['invalid-certificate opt-in', { allowInvalidCertificate: true }],
    ['custom CA', { caPem: '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n' }],
  ])('clears the stored password when the %s changes without a new one', async (_what, change) => {
    const dir = await tempDir()
    const { profiles } = await open(dir)
    const saved = await profiles.save(input({ password: PASSWORD }))
    const moved = await profiles.save({ ...input(change), id: saved.id })
    expect(moved.hasPassword).toBe(false)
    expect(await profiles.revealPassword(saved.id)).toBeUndefined()
  })

  it('keeps the password for other changes, and takes a new one given with the move', async () => {
    const dir = await tempDir()
    const { profiles } = await open(dir)
    const saved = await profiles.save(input({ password: PASSWORD }))
    // Name, user name, EHLO name and the host's case do not move the password anywhere.
    await profiles.save({ ...input({ name: 'Renamed', username: 'bob', clientName: 'me.test', host: 'SMTP.mailwire.test' }), id: saved.id })
    expect(await profiles.revealPassword(saved.id)).toBe(PASSWORD)
    const moved = await profiles.save({ ...input({ host: 'smtp.elsewhere.test', password: 'for the new one' }), id: saved.id })
    expect(moved.hasPassword).toBe(true)
    expect(await profiles.revealPassword(saved.id)).toBe('for the new one')
  })

  it('refuses a host the resolver would rewrite, and drops one from a hand-edited file', async () => {
    const dir = await tempDir()
    const { profiles } = await open(dir)
    await expect(profiles.save(input({ host: '127.0.0.1\r\n' }))).rejects.toMatchObject({ code: 'EINVALID', field: 'host' })
    await expect(profiles.save(input({ host: '0x7f.1' }))).rejects.toMatchObject({ code: 'EINVALID', field: 'host' })
    const kept = await profiles.save(input({ host: '[::1]' }))
    const edited = JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8'))
    edited.profiles.push({ ...edited.profiles[0], id: 'hand-edited', host: '127.1' })
    await writeFile(join(dir, 'profiles.json'), JSON.stringify(edited))
    expect((await open(dir)).profiles.view().profiles.map((p) => p.id)).toEqual([kept.id])
  })
})
