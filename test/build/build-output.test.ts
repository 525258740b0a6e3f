// Smoke test of `npm run build`: each process gets its bundle, and the CLI runs under
// plain Node (no Electron) and answers --help.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
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
