// The CLI's own V8 code cache: the machine code of our bundle's chunks, kept between runs.
//
// Why not only Node's compile cache (module.enableCompileCache, Node 22.1+)? It stores a
// module's code as compiled when it loads, before it runs, and V8 compiles most functions
// lazily, on their first call: a send then still compiles its whole call path on every start.
// A cache made when the process exits (vm.Script#createCachedData) also holds every function
// that ran, and it works on Node 20 too. Measured on a small send (Node 20, 2 cores): 141 ms
// of CPU without it, 111 ms with it, against 40 ms for a bare `node -e 0`.
//
// Each command keeps its own set (a `--help` run would otherwise make the cache a send
// uses), in a per-user folder (never a shared temporary one: a planted cache is code). V8
// rejects a cache made by another V8 version or with other flags, but of the source it
// checks only the length: each file starts with a SHA-1 of the chunk it was made from, so
// a changed chunk never runs stale code. A rejected or missing cache is written again at
// exit. Any failure here only costs speed: the chunk is compiled as usual.
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'
import { Script } from 'node:vm'

type ModuleBody = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => unknown
type Compile = (this: Module, content: string, filename: string) => unknown
interface Made {
  script: Script
  file: string
  source: Buffer
}

/** SHA-1 of the chunk's text, at the start of its cache file. */
const SOURCE_HASH_BYTES = 20

/** The cache of one process: what it did, and the files it still has to write. */
export interface CodeCache {
  /** Chunks compiled from a cache file V8 accepted. */
  used: string[]
  /** Chunks compiled without one (missing or rejected): write() makes their files. */
  made: string[]
  /** Writes the caches of the chunks in `made`, with every function compiled so far. */
  write(): void
  /** Compiles chunks as Node does again (tests). */
  stop(): void
}

/**
 * Compiles every module loaded from `chunkDir` (the bundle's chunks, not the libraries in
 * node_modules) with its cache in `cacheDir`. Call it before the first chunk loads, and
 * write() when the process exits, once the functions a run needs are compiled.
 */
export function useCodeCache(chunkDir: string, cacheDir: string): CodeCache {
  const made: Made[] = []
  // Module.prototype._compile is how every CommonJS module is compiled (v8-compile-cache
  // hooked it the same way); modules outside chunkDir keep Node's own path.
  const prototype = Module.prototype as unknown as { _compile: Compile }
  const compile = prototype._compile
  const cache: CodeCache = {
    used: [],
    made: [],
    write: () => writeCaches(made.splice(0), chunkDir, cacheDir),
    stop: () => {
      prototype._compile = compile
    },
  }
  prototype._compile = function (this: Module, content: string, filename: string) {
    if (dirname(filename) !== chunkDir) return compile.call(this, content, filename)
    const chunk = basename(filename)
    const file = join(cacheDir, `${chunk}.bin`)
    const source = createHash('sha1').update(content).digest()
    const stored = readIfThere(file)
    const cachedData = stored?.subarray(0, SOURCE_HASH_BYTES).equals(source) ? stored.subarray(SOURCE_HASH_BYTES) : undefined
    // No importModuleDynamically: the build turns a chunk's import() into require()
    // (electron.vite.config.ts), and Node's vm loader for it is still experimental.
    const script = new Script(wrap(content), { filename, ...(cachedData ? { cachedData } : {}) })
    if (cachedData && !script.cachedDataRejected) cache.used.push(chunk)
    else {
      cache.made.push(chunk)
      made.push({ script, file, source })
    }
    const body = script.runInThisContext() as ModuleBody
    return body.call(this.exports, this.exports, createRequire(filename), this, filename, chunkDir)
  }
  return cache
}

/** The CommonJS wrapper, on the chunk's first line so that line numbers stay as they are. */
function wrap(content: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${content}\n})`
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}

/** Writes the new caches, then drops those of chunks no longer in the bundle (an older build). */
function writeCaches(made: Made[], chunkDir: string, cacheDir: string): void {
  if (made.length === 0) return
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 })
    for (const { script, file, source } of made) {
      // Renamed into place: another mailwire starting now reads the old file or the new one, never half of one.
      const part = `${file}.${process.pid}.part`
      writeFileSync(part, Buffer.concat([source, script.createCachedData()]), { mode: 0o600 })
      renameSync(part, file)
    }
    const chunks = new Set(readdirSync(chunkDir))
    for (const name of readdirSync(cacheDir)) {
      if (name.endsWith('.bin') && !chunks.has(name.slice(0, -'.bin'.length))) rmSync(join(cacheDir, name), { force: true })
    }
  } catch {
    // A read-only home or a full disk: the next start compiles again, nothing else changes.
  }
}
