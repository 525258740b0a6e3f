// Builds the real preload/index.ts for Chromium with Vite's API: one IIFE, `electron`
// aliased to fake-electron.ts. Built once per test process, into a temp folder.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'

const ROOT = join(__dirname, '..', '..', '..')
const PRELOAD_ENTRY = join(ROOT, 'preload', 'index.ts')
const FAKE_ELECTRON = join(__dirname, 'fake-electron.ts')
const OUTPUT_NAME = 'preload.js'

let built: Promise<string> | undefined

async function buildOnce(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'mailwire-e2e-preload-'))
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    resolve: { alias: [{ find: /^electron$/, replacement: FAKE_ELECTRON }] },
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      lib: { entry: PRELOAD_ENTRY, formats: ['iife'], name: 'mailwirePreload', fileName: () => OUTPUT_NAME },
    },
  })
  return join(outDir, OUTPUT_NAME)
}

/** The path of the built preload script, for page.addInitScript({ path }). */
export function builtPreload(): Promise<string> {
  built ??= buildOnce()
  return built
}
