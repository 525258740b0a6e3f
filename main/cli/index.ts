#!/usr/bin/env node
// The `mailwire` command's first lines: the code caches, then the CLI, which they then cover.
// Our own chunks get our code cache (code-cache.ts: it also holds the functions a run
// compiled, which Node's cache does not); the libraries loaded from node_modules get Node's
// module compile cache (Node 22.1 and later). NODE_DISABLE_COMPILE_CACHE turns off both.
import module from 'node:module'
import { join } from 'node:path'
import { useCodeCache } from './code-cache'
import { codeCacheDir } from './data-dir'

if (!process.env['NODE_DISABLE_COMPILE_CACHE']) {
  // One set per command and V8 version: what a `--help` run compiled is not what a send needs.
  const command = /^[a-z][a-z-]{0,30}$/.test(process.argv[2] ?? '') ? process.argv[2]! : 'other'
  const cache = useCodeCache(join(__dirname, 'chunks'), join(codeCacheDir(process.env), process.versions.v8, command))
  process.once('exit', cache.write)
  const withCache = module as { enableCompileCache?: () => unknown }
  try {
    withCache.enableCompileCache?.()
  } catch {
    // No cache (a read-only temporary folder): the CLI only starts a little slower.
  }
}
void import('./entry')
