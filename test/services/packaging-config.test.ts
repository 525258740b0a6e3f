// electron-builder.yml, checked against electron-builder's own schema (packaging itself
// needs a download of Electron, which our build machines cannot make).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const require = createRequire(__filename)
const yaml = require('js-yaml') as { load(text: string): unknown }
// Not a public entry point, but the very function `electron-builder` runs on its config.
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>
}

interface PlatformConfig {
  target: Array<{ target: string }>
  maintainer?: string
  hardenedRuntime?: boolean
}
const config = yaml.load(readFileSync(join(__dirname, '..', '..', 'electron-builder.yml'), 'utf8')) as Record<string, unknown>
const platform = (name: string) => config[name] as PlatformConfig
const targets = (name: string) => platform(name).target.map((entry) => entry.target)

describe('electron-builder.yml', () => {
  it('matches the schema of the installed electron-builder', async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined()
  })

  it('packs only the build output, for the three platforms', () => {
    // build/icon.png: the window's icon at runtime (main/window.ts).
    expect(config['files']).toEqual(['out/**', 'package.json', 'build/icon.png', '!**/*.map'])
    expect(config['asar']).toBe(true)
    expect(targets('linux')).toEqual(['AppImage', 'deb'])
    expect(targets('mac')).toEqual(['dmg'])
    expect(targets('win')).toEqual(['nsis'])
    expect(platform('linux').maintainer).toMatch(/<.+@.+>/)
    expect(platform('mac').hardenedRuntime).toBe(true)
  })

  it('flips the fuses that would let anyone run code as the signed app (and so reach its keychain entry)', () => {
    expect(config['electronFuses']).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      // The page is served from app://, so file: pages need none of their extra privileges.
      grantFileProtocolExtraPrivileges: false,
    })
  })
})
