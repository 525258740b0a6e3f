// `npm run bench` (after `npm run build`): bundles the TypeScript benchmarks in bench/src
// with Vite's build API (SSR mode: Node target, node_modules left external), so they import
// the engine's sources (main/smtp) directly rather than the app bundles in out/, then runs
// them. Usage: node bench/run.mjs [many|big|ui ...] [--runs N]
import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'vite'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, 'node_modules', '.cache', 'mailwire-bench')
mkdirSync(outDir, { recursive: true })

// One entry per process the benchmarks start: the orchestrator and each client.
const entries = {
  main: 'bench/src/main.ts',
  'many-mailwire': 'bench/src/many/client-mailwire.ts',
  'many-nodemailer': 'bench/src/many/client-nodemailer.ts',
  'big-engine': 'bench/src/big/client-engine.ts',
}

// A bundled module no longer lives in its folder: give each source file that reads
// __dirname (the e2e harness finds the renderer and its fake electron that way) its own.
const ownDirname = {
  name: 'mailwire-bench-own-dirname',
  transform(code, id) {
    if (!/\.[cm]?tsx?$/.test(id) || !/\b__dirname\b/.test(code)) return null
    return { code: `const __dirname = ${JSON.stringify(dirname(id))};\n${code}`, map: null }
  },
}

await build({
  configFile: false,
  root,
  logLevel: 'warn',
  plugins: [ownDirname],
  build: {
    ssr: true,
    outDir,
    emptyOutDir: true,
    minify: false,
    target: 'node20',
    rollupOptions: {
      input: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(root, path)])),
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
    },
  },
})

// A machine may set NODE_EXTRA_CA_CERTS (this project's build machines do): every Node
// process then parses that whole CA bundle as it starts, about 95 ms here, two thirds of a
// bare `node -e 0`. Users do not set it, and it would weigh on every Node row and on none
// of curl's, so every process the benchmarks start runs without it. The Machine section says
// whether it was set.
const extraCaCerts = process.env.NODE_EXTRA_CA_CERTS
delete process.env.NODE_EXTRA_CA_CERTS
if (extraCaCerts !== undefined) process.env.MAILWIRE_BENCH_REMOVED_EXTRA_CA_CERTS = extraCaCerts

const { main } = await import(pathToFileURL(join(outDir, 'main.mjs')).href)
await main({ root, bundleDir: outDir, argv: process.argv.slice(2) })
