// Preloaded into a child process (node --import): at exit, writes the files it loaded
// (require's cache: every CommonJS module, ours and the libraries'), one a line, to the
// file named by MAILWIRE_TEST_LOADED_MODULES.
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const loaded = createRequire(import.meta.url).cache

process.on('exit', () => {
  writeFileSync(process.env.MAILWIRE_TEST_LOADED_MODULES, Object.keys(loaded).join('\n'))
})
