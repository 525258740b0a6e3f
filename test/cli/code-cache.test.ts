// The CLI's code cache (main/cli/code-cache.ts) on real chunk files, compiled by the real
// CommonJS loader of this process: a second load uses the cache V8 made, a changed chunk
// never runs the code of the old one, and nothing outside the chunk folder is touched.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useCodeCache, type CodeCache } from '../../main/cli/code-cache'
import { codeCacheDir } from '../../main/cli/data-dir'
import { ensureBuiltCli, runBuiltCli } from './support/built-cli'

let root: string
let chunkDir: string
let cacheDir: string
let active: CodeCache | undefined

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'mailwire-code-cache-'))
  chunkDir = join(root, 'chunks')
  cacheDir = join(root, 'cache', 'send')
  mkdirSync(chunkDir)
  writeChunk('main.js', `const helper = require('./helper.js')\nexports.answer = () => helper.twice(21)\nexports.platform = () => require('node:os').platform()\n`)
  writeChunk('helper.js', `exports.twice = (n) => n * 2\n`)
})
afterEach(() => {
  active?.stop()
  active = undefined
  rmSync(root, { recursive: true, force: true })
})

function writeChunk(name: string, text: string): void {
  writeFileSync(join(chunkDir, name), text)
}

/** A fresh process's view: the hook installed, nothing of the chunk folder loaded yet. */
function load(): { cache: CodeCache; main: { answer(): number; platform(): string } } {
  active?.stop()
  const require = createRequire(join(chunkDir, 'index.js'))
  for (const name of readdirSync(chunkDir)) delete require.cache[join(chunkDir, name)]
  const cache = useCodeCache(chunkDir, cacheDir)
  active = cache
  return { cache, main: require('./main.js') as { answer(): number; platform(): string } }
}

describe('the CLI code cache', () => {
  it('makes a cache for each chunk at write() and uses it on the next load', () => {
    const first = load()
    expect(first.main.answer()).toBe(42)
    expect(first.cache.made.sort()).toEqual(['helper.js', 'main.js'])
    expect(first.cache.used).toEqual([])
    first.cache.write()
    expect(readdirSync(cacheDir).sort()).toEqual(['helper.js.bin', 'main.js.bin'])
    // Per user: nobody else may plant code in it.
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700)
    expect(statSync(join(cacheDir, 'main.js.bin')).mode & 0o777).toBe(0o600)

    const second = load()
    expect(second.cache.used.sort()).toEqual(['helper.js', 'main.js'])
    expect(second.cache.made).toEqual([])
    expect(second.main.answer()).toBe(42)
    // require() from a cached chunk, after it loaded, still reaches Node's loader.
    expect(second.main.platform()).toBe(process.platform)
  })

  it('a chunk changed to text of the same length runs its new code, not the cached one', () => {
    const first = load()
    expect(first.main.answer()).toBe(42)
    first.cache.write()
    // V8 alone would take the old cache: of the source it checks only the length.
    writeChunk('helper.js', `exports.twice = (n) => n * 3\n`)
    const second = load()
    expect(second.main.answer()).toBe(63)
    expect(second.cache.made).toEqual(['helper.js'])
    expect(second.cache.used).toEqual(['main.js'])
  })

  it('a damaged cache file is compiled around and written again', () => {
    load().cache.write()
    writeFileSync(join(cacheDir, 'main.js.bin'), Buffer.alloc(64, 7))
    const second = load()
    expect(second.main.answer()).toBe(42)
    expect(second.cache.made).toEqual(['main.js'])
    second.cache.write()
    expect(load().cache.used.sort()).toEqual(['helper.js', 'main.js'])
  })

  it('drops the caches of chunks an older build had', () => {
    mkdirSync(cacheDir, { recursive: true })
    writeFileSync(join(cacheDir, 'gone-1234.js.bin'), 'old')
    load().cache.write()
    expect(readdirSync(cacheDir).sort()).toEqual(['helper.js.bin', 'main.js.bin'])
  })

  it('leaves modules outside the chunk folder to Node, and stop() restores its loader', () => {
    const outside = join(root, 'outside.js')
    writeFileSync(outside, 'exports.value = 7\n')
    const { cache } = load()
    expect((createRequire(outside)(outside) as { value: number }).value).toBe(7)
    expect([...cache.used, ...cache.made]).not.toContain('outside.js')
    cache.stop()
    active = undefined
    const require = createRequire(join(chunkDir, 'index.js'))
    delete require.cache[join(chunkDir, 'helper.js')]
    expect((require('./helper.js') as { twice(n: number): number }).twice(2)).toBe(4)
    // Compiled by Node this time: the stopped cache saw only the first load.
    expect(cache.made).toEqual(['main.js', 'helper.js'])
  })

  it('a cache folder it cannot write only costs speed', () => {
    writeFileSync(join(root, 'cache'), 'a file where the folder would go')
    const { cache, main } = load()
    expect(main.answer()).toBe(42)
    expect(() => cache.write()).not.toThrow()
    expect(existsSync(cacheDir)).toBe(false)
  })
})

describe('the built mailwire', () => {
  it('keeps a code cache per command in the per-user cache folder, and none with NODE_DISABLE_COMPILE_CACHE', async () => {
    ensureBuiltCli()
    const env = { XDG_CACHE_HOME: join(root, 'xdg') }
    const folder = join(root, 'xdg', 'mailwire', 'code', process.versions.v8)
    expect((await runBuiltCli(['probe', '--help'], env)).code).toBe(0)
    const probe = readdirSync(join(folder, 'probe'))
    expect(probe.some((name) => /^entry-.*\.js\.bin$/.test(name))).toBe(true)
    const written = statSync(join(folder, 'probe', probe[0]!)).mtimeMs
    const again = await runBuiltCli(['probe', '--help'], env)
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('mailwire probe')
    // Used, not written again.
    expect(statSync(join(folder, 'probe', probe[0]!)).mtimeMs).toBe(written)
    expect(readdirSync(folder)).toEqual(['probe'])

    const off = { XDG_CACHE_HOME: join(root, 'xdg-off'), NODE_DISABLE_COMPILE_CACHE: '1' }
    expect((await runBuiltCli(['probe', '--help'], off)).code).toBe(0)
    expect(existsSync(join(root, 'xdg-off'))).toBe(false)
  })
})

describe('the code cache folder', () => {
  it('is the per-user cache folder of each platform', () => {
    expect(codeCacheDir({}, 'linux', '/home/ann')).toBe('/home/ann/.cache/mailwire/code')
    expect(codeCacheDir({ XDG_CACHE_HOME: '/cache/ann' }, 'linux', '/home/ann')).toBe('/cache/ann/mailwire/code')
    expect(codeCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/ann')).toBe('/home/ann/.cache/mailwire/code')
    expect(codeCacheDir({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Caches/Mailwire/code')
    expect(codeCacheDir({ LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'win32', 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Local\\Mailwire\\Cache\\code')
    expect(codeCacheDir({}, 'win32', 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Local\\Mailwire\\Cache\\code')
  })
})
