// The built `mailwire inbox` (out/main/cli.js) as a user runs it: a child process that
// prints its port, takes a message, and stops cleanly on SIGTERM or Ctrl-C (exit 0).
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageFactory } from '../../main/message'
import { sendMail } from '../../main/smtp'
import { BUILT_CLI, ensureBuiltCli } from './support/built-cli'

let folder: string
beforeAll(() => {
  ensureBuiltCli()
  folder = mkdtempSync(join(tmpdir(), 'mailwire-inbox-built-'))
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

interface Line {
  event: string
  port?: number
  caPath?: string
  message?: { id: string; subject?: string }
}

describe('the built mailwire inbox', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('takes a message and stops cleanly on %s with exit 0', async (signal) => {
    const dataDir = join(folder, signal)
    const child = spawn(process.execPath, [BUILT_CLI, 'inbox', '--data-dir', dataDir, '--json'], {
      env: { PATH: process.env['PATH'] ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, killedBy) => resolve({ code, signal: killedBy })),
    )
    let stdout = ''
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const lines: Line[] = []
    const waiting: Array<() => void> = []
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      for (let end = stdout.indexOf('\n'); end !== -1; end = stdout.indexOf('\n')) {
        lines.push(JSON.parse(stdout.slice(0, end)) as Line)
        stdout = stdout.slice(end + 1)
        waiting.splice(0).forEach((wake) => wake())
      }
    })
    const nextLine = async (index: number): Promise<Line> => {
      while (lines.length <= index) {
        await Promise.race([new Promise<void>((wake) => waiting.push(wake)), exited.then(() => { throw new Error(`exited early: ${stderr}`) })])
      }
      return lines[index] as Line
    }

    const listening = await nextLine(0)
    expect(listening.event).toBe('listening')
    const result = await sendMail(
      { host: '127.0.0.1', port: listening.port ?? 0, security: 'starttls', ca: readFileSync(listening.caPath ?? '', 'utf8') },
      { from: 'ann@mailwire.test', to: ['inbox@mailwire.test'] },
      messageFactory({ from: 'ann@mailwire.test', to: ['inbox@mailwire.test'], cc: [], bcc: [], subject: `stop by ${signal}`, text: 'hi', attachments: [], headers: [] }),
    )
    expect(result.status).toBe('sent')
    expect(await nextLine(1)).toMatchObject({ event: 'message', message: { id: result.queueId, subject: `stop by ${signal}` } })

    child.kill(signal)
    expect(await exited).toEqual({ code: 0, signal: null })
    expect(lines.at(-1)).toEqual({ event: 'stopped' })
    expect(stderr).toBe('')
  })
})
