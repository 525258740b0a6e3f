// Smoke test of `npm run build`: each process gets its bundle, and the CLI runs under
// plain Node (no Electron) and answers --help.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(__dirname, '..', '..')
const out = (...parts: string[]) => join(root, 'out', ...parts)

describe('the build output', () => {
  it('has the main, preload, renderer and CLI bundles', () => {
    for (const file of [out('main', 'index.js'), out('main', 'cli.js'), out('preload', 'index.js'), out('renderer', 'index.html')]) {
      expect(existsSync(file), file).toBe(true)
    }
  })

  it('exposes the CLI as the mailwire bin', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    expect(pkg.bin.mailwire).toBe('out/main/cli.js')
    expect(readFileSync(out('main', 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true)
  })

  it('runs the CLI under plain Node: --help prints the usage and exits 0', () => {
    const help = execFileSync(process.execPath, [out('main', 'cli.js'), '--help'], { encoding: 'utf8' })
    expect(help).toContain('mailwire send --server HOST[:PORT]')
    expect(help).toContain('mailwire probe HOST[:PORT]')
  })

  it('answers --version from the built chunks (package.json three levels up)', () => {
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version
    expect(execFileSync(process.execPath, [out('main', 'cli.js'), '--version'], { encoding: 'utf8' })).toBe(`mailwire ${version}\n`)
  })

  it('loads only what a command needs: --help no engine or MIME library, a plain send no SOCKS client', () => {
    // report-loaded.cjs lists, when the process exits, every module file it loaded.
    const loaded = (...args: string[]) => {
      const run = spawnSync(process.execPath, ['--require', join(root, 'test', 'build', 'report-loaded.cjs'), out('main', 'cli.js'), ...args], { encoding: 'utf8' })
      const line = run.stderr.split('\n').find((text) => text.startsWith('LOADED ')) ?? 'LOADED []'
      return (JSON.parse(line.slice('LOADED '.length)) as string[]).join('\n')
    }
    const help = loaded('--help')
    expect(help).toContain('cli.js')
    // The MIME library is bundled into the compose chunk (electron.vite.config.ts).
    expect(help).not.toMatch(/nodemailer|chunks[\\/]compose-|socks|chunks[\\/]message-/)
    // Port 9 (discard) on loopback: refused at once, after the send's modules are loaded.
    const send = loaded('send', '--server', '127.0.0.1:9', '--tls', 'none', '--from', 'a@mailwire.test', '--to', 'b@mailwire.test', '--body', 'x')
    // The send's own chunk, not nodemailer: MIME composition loads only once a message is composed (lazy-loading-built.test.ts).
    expect(send).toMatch(/chunks[\\/]send-/)
    expect(send).not.toMatch(/[\\/]socks[\\/]/)
  })

  it('loads libraries on demand with require(), not import(): the CLI code cache compiles chunks without an ESM loader', () => {
    const chunks = readdirSync(out('main', 'chunks')).filter((name) => name.endsWith('.js'))
    const code = chunks.map((name) => readFileSync(out('main', 'chunks', name), 'utf8')).join('\n')
    expect(code).toContain('require("socks")')
    expect(code).not.toMatch(/\bimport\(/)
  })

  it('keeps Electron out of the CLI bundle and its chunks', () => {
    const cli = readFileSync(out('main', 'cli.js'), 'utf8')
    expect(cli).not.toMatch(/require\(["']electron["']\)|from ["']electron["']/)
  })

  it('loads the renderer as a module script under a strict CSP', () => {
    const html = readFileSync(out('renderer', 'index.html'), 'utf8')
    expect(html).toContain("script-src 'self'")
    expect(html).toMatch(/<script type="module"[^>]*src="\.\/assets\//)
  })
})
