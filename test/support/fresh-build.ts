// Once per run, before the suites that run the build (out/): the CLI as a child process,
// the build smoke test and the end-to-end tests. A plain `vitest run` after editing the
// sources would otherwise test yesterday's bundle and pass or fail for the wrong reason.
// When a source is newer than the oldest bundle (or a bundle is missing), this builds,
// saying why on stderr; a failed build fails the run with its output. `npm test` builds
// first, so here it finds out/ fresh and builds nothing.
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { TestProject } from 'vitest/node'

const ROOT = join(__dirname, '..', '..')

/** What `npm run build` writes: every file a suite runs or loads. */
const BUNDLES = ['out/main/index.js', 'out/main/cli.js', 'out/main/start.js', 'out/preload/index.js', 'out/renderer/index.html']
/** What the build reads: the three process folders and the configuration around them. */
const SOURCE_DIRS = ['main', 'preload', 'renderer']
const SOURCE_FILES = ['electron.vite.config.ts', 'package.json', 'tsconfig.base.json', 'tsconfig.node.json', 'tsconfig.web.json']
/** Spec files that need out/; a run of other files only (the engine, the renderer in jsdom) does not build. */
const NEEDS_BUILD = /[\\/]test[\\/](cli|build|e2e)[\\/]/

interface Newest {
  path: string
  mtimeMs: number
}

function newestUnder(dir: string, newest: Newest): Newest {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = newestUnder(path, newest)
    else if (entry.isFile()) {
      const { mtimeMs } = statSync(path)
      if (mtimeMs > newest.mtimeMs) newest = { path, mtimeMs }
    }
  }
  return newest
}

/** Why out/ must be built again, or undefined when it is up to date. */
export function staleBuildReason(root = ROOT): string | undefined {
  const missing = BUNDLES.find((bundle) => !existsSync(join(root, bundle)))
  if (missing) return `${missing} is missing`
  const oldest = BUNDLES.map((bundle) => ({ path: bundle, mtimeMs: statSync(join(root, bundle)).mtimeMs })).reduce((a, b) => (b.mtimeMs < a.mtimeMs ? b : a))
  let newest: Newest = { path: '', mtimeMs: 0 }
  for (const dir of SOURCE_DIRS) newest = newestUnder(join(root, dir), newest)
  for (const file of SOURCE_FILES) {
    const path = join(root, file)
    if (existsSync(path) && statSync(path).mtimeMs > newest.mtimeMs) newest = { path, mtimeMs: statSync(path).mtimeMs }
  }
  if (newest.mtimeMs <= oldest.mtimeMs) return undefined
  return `${relative(root, newest.path)} is newer than ${oldest.path}`
}

function runsBuiltCode(project: TestProject): boolean {
  // The spec files of this run (collected before the global setups run). When the list is
  // not there, build to be safe.
  const state = (project.vitest as unknown as { state?: { getPaths?: () => string[] } }).state
  const paths = state?.getPaths?.()
  if (!paths || paths.length === 0) return true
  return paths.some((path) => NEEDS_BUILD.test(path))
}

export default async function setup(project: TestProject): Promise<void> {
  if (!runsBuiltCode(project)) return
  const reason = staleBuildReason()
  if (!reason) return
  process.stderr.write(`\nout/ is stale (${reason}): building with \`npm run build\` before the tests.\n`)
  await new Promise<void>((resolve, reject) => {
    execFile('npm', ['run', 'build'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve()
      reject(new Error(`out/ is stale (${reason}) and \`npm run build\` failed:\n${stdout}${stderr}`))
    })
  })
  const still = staleBuildReason()
  if (still) throw new Error(`out/ is still stale after \`npm run build\`: ${still}`)
  process.stderr.write('out/ built.\n')
}
