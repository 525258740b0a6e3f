import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'

/**
 * The MIME library is bundled into main (not required from node_modules at run time) so
 * that its URL fetcher can be left out: nodemailer's MIME code requires it at load, and it
 * loads node:http, node:https and node:zlib, which a send never uses (compose.ts turns URL
 * content off). Issue 18: a small send's start-up.
 */
const NODEMAILER_FETCH = /[\\/]node_modules[\\/]nodemailer[\\/]dist[\\/](?:cjs|esm)[\\/]fetch[\\/]index\.js$/
function leaveOutUrlFetch(): Plugin {
  return {
    name: 'mailwire-leave-out-url-fetch',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer?.includes('nodemailer') || !source.includes('fetch')) return null
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      return resolved && NODEMAILER_FETCH.test(resolved.id) ? resolve(__dirname, 'main/message/url-fetch-refused.ts') : resolved
    },
  }
}

// Three processes, three folders at the top level (see DESIGN.md). The main build also
// emits the `mailwire` CLI and the `npm start` launcher: both pure Node, sharing the engine.
export default defineConfig({
  main: {
    plugins: [leaveOutUrlFetch()],
    build: {
      outDir: 'out/main',
      externalizeDeps: { exclude: ['nodemailer'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          cli: resolve(__dirname, 'main/cli/index.ts'),
          start: resolve(__dirname, 'main/start.ts'),
        },
        // A library loaded on demand (socks, mailauth's signer) as require(), not import():
        // the CLI compiles its chunks with its own code cache (main/cli/code-cache.ts), where
        // import() would need Node's experimental vm loader, and a CommonJS chunk then
        // needs no ESM loader at all.
        output: { dynamicImportInCjs: false },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() anything but electron: bundle everything in.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified by default; the window parses it at every start.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
    plugins: [react()],
  },
})
