#!/usr/bin/env node
// The `mailwire` command's first lines: turn on Node's module compile cache (Node 22.1 and
// later; V8 code for every module loaded, ours and the libraries', kept between runs, so a
// second start skips compiling) and then load the CLI, which the cache then covers.
import module from 'node:module'

const withCache = module as { enableCompileCache?: () => unknown }
try {
  withCache.enableCompileCache?.()
} catch {
  // No cache (a read-only temporary folder): the CLI only starts a little slower.
}
void import('./entry')
