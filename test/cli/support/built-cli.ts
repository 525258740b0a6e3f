// The built `mailwire` (out/main/cli.js) run as a user runs it: a child process under plain
// Node. `npm test` builds first; other test files may rebuild at the same time, so this
// waits for the bundle to be back rather than failing on a moment without it.
import { execFile, execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const ROOT = join(__dirname, '..', '..', '..')
export const BUILT_CLI = join(ROOT, 'out', 'main', 'cli.js')

/** Build once when there is no bundle at all (a plain `vitest run` without `npm test`). */
export function ensureBuiltCli(): void {
  if (!existsSync(BUILT_CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' })
}

export interface ChildRun {
  code: number
  stdout: string
  stderr: string
}

async function bundlePresent(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const deadline = Date.now() + 30_000
    const check = () => {
      if (existsSync(BUILT_CLI)) return resolve()
      if (Date.now() > deadline) return reject(new Error(`${BUILT_CLI} is missing`))
      setTimeout(check, 100)
    }
    check()
  })
}

export async function runBuiltCli(args: string[], env: Record<string, string> = {}): Promise<ChildRun> {
  await bundlePresent()
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BUILT_CLI, ...args],
      // A clean environment: no colour variables from the developer's shell, no password.
      { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}
