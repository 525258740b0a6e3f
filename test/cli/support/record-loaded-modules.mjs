// Preloaded into a child process (node --import): at exit, writes the files it loaded
// (require's cache: every CommonJS module, ours and the libraries'), one a line, to the
// file named by MAILWIRE_TEST_LOADED_MODULES, then Node's own modules it loaded as
// `node:NAME` (process.moduleLoadList, which Node has long kept but does not document).
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const loaded = createRequire(import.meta.url).cache

process.on('exit', () => {
  const builtins = (process.moduleLoadList ?? []).filter((entry) => entry.startsWith('NativeModule ')).map((entry) => `node:${entry.slice('NativeModule '.length)}`)
  writeFileSync(process.env.MAILWIRE_TEST_LOADED_MODULES, [...Object.keys(loaded), ...builtins].join('\n'))
})
