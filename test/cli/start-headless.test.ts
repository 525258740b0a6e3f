// `npm start` on a machine without a display: the built launcher (out/main/start.js) runs
// the main job, `mailwire send --local`, and the output shows both sides of the session.
import { execFile, execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from './support/built-cli'

const BUILT_START = join(ROOT, 'out', 'main', 'start.js')
const BUILT_CLI = join(ROOT, 'out', 'main', 'cli.js')

beforeAll(async () => {
  if (!existsSync(BUILT_START)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' })
  // Another test file may be rebuilding right now: wait for the bundle to be back.
  const deadline = Date.now() + 30_000
  while (!(existsSync(BUILT_START) && existsSync(BUILT_CLI))) {
    if (Date.now() > deadline) throw new Error('out/main/start.js or cli.js is missing')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
})

describe('npm start without a display', () => {
  it('sends a first message to a temporary local inbox and prints both transcripts', async () => {
    const env: Record<string, string> = {}
    for (const [name, value] of Object.entries(process.env)) {
      if (value !== undefined && !['DISPLAY', 'WAYLAND_DISPLAY', 'FORCE_COLOR', 'MAILWIRE_PASSWORD'].includes(name)) env[name] = value
    }
    env['NO_COLOR'] = '1'
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [BUILT_START], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr })
      })
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('No display found')

    const serverSide = run.stdout.indexOf('The same session as the inbox (the server) saw it')
    expect(serverSide).toBeGreaterThan(0)
    const client = run.stdout.slice(0, serverSide)
    const server = run.stdout.slice(serverSide)
    expect(client).toMatch(/ -> STARTTLS\n/)
    expect(client).toMatch(/ ~> MAIL FROM:<you@mailwire\.test>/)
    expect(client).toMatch(/ <~ 250 2\.6\.0 Message queued as msg-/)
    expect(client).toContain('Sent: the recipient was accepted')
    expect(server).toMatch(/ S<- STARTTLS\n/)
    expect(server).toMatch(/ S<~ MAIL FROM:<you@mailwire\.test>/)
    expect(server).toMatch(/ S~> 250 2\.6\.0 Message queued as msg-/)
    expect(server).toContain('Subject    Hello from Mailwire')
  })
})
