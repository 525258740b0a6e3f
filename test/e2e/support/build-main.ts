// Builds the real main/index.ts for Node with `electron` aliased to the stand-in
// (electron-stand-in/), into a temp app folder laid out like the packaged one:
//   <app>/package.json  <app>/out/main/index.js  <app>/out/preload → out/preload
//   <app>/out/renderer → out/renderer  <app>/node_modules → node_modules  <app>/build → build
// Built once per test process. Needs `npm run build` first (the preload and renderer).
import { existsSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, symlink } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'

const ROOT = join(__dirname, '..', '..', '..')
const STAND_IN = join(__dirname, 'electron-stand-in', 'index.ts')

let built: Promise<string> | undefined

async function buildOnce(): Promise<string> {
  for (const needed of ['out/preload/index.js', 'out/renderer/index.html']) {
    if (!existsSync(join(ROOT, needed))) throw new Error(`${needed} is missing: run \`npm run build\` first (npm test does).`)
  }
  const appDir = await mkdtemp(join(tmpdir(), 'mailwire-stand-in-app-'))
  await mkdir(join(appDir, 'out'), { recursive: true })
  await copyFile(join(ROOT, 'package.json'), join(appDir, 'package.json'))
  await symlink(join(ROOT, 'out', 'preload'), join(appDir, 'out', 'preload'))
  await symlink(join(ROOT, 'out', 'renderer'), join(appDir, 'out', 'renderer'))
  await symlink(join(ROOT, 'node_modules'), join(appDir, 'node_modules'))
  await symlink(join(ROOT, 'build'), join(appDir, 'build'))
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    resolve: { alias: [{ find: /^electron$/, replacement: STAND_IN }] },
    build: {
      outDir: join(appDir, 'out', 'main'),
      emptyOutDir: true,
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      target: 'node20',
      lib: { entry: join(ROOT, 'main', 'index.ts'), formats: ['cjs'], fileName: () => 'index.js' },
      rollupOptions: {
        // As electron-vite builds main: Node built-ins and the dependencies stay require()s.
        external: (id) => id.startsWith('node:') || builtinModules.includes(id) || /^(playwright-core|mailparser|nodemailer|selfsigned|smtp-server|mailauth|dns-packet)(\/|$)/.test(id),
      },
    },
  })
  return join(appDir, 'out', 'main', 'index.js')
}

/** The path of the test build of main/index.ts. */
export function builtMain(): Promise<string> {
  built ??= buildOnce()
  return built
}
