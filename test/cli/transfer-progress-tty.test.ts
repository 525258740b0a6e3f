// The progress line of a long transfer (issue 18): the built CLI under a real pseudo-terminal
// (util-linux `script`) against a server that reads slowly shows "sending X MB of Y MB, rate,
// time left" on stderr, redrawn in place and erased when the data ends; piped, or with
// --json, there is none, and the printed transcript keeps a count every 5 s at most.
import { execFile, execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUILT_CLI, ensureBuiltCli, runBuiltCli } from './support/built-cli'
import { slowReader, type SlowReader } from './support/slow-reader'
import { tempFiles, type TempFiles } from './support/temp-files'

const MESSAGE_BYTES = 16 * 1024 * 1024
const ERASE = '\r\u001b[2K'

function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'pipe' })
    return true
  } catch {
    return false
  }
}

let server: SlowReader
let files: TempFiles
let dataFile: string

beforeAll(async () => {
  ensureBuiltCli()
  server = await slowReader()
  files = tempFiles()
  const line = `${'x'.repeat(998)}\r\n`
  const headers = 'From: a@x.test\r\nTo: b@y.test\r\nSubject: big\r\nDate: Thu, 03 Dec 2026 15:00:00 +0000\r\nMessage-ID: <big@x.test>\r\n\r\n'
  dataFile = files.write('big.eml', `${headers}${line.repeat(Math.ceil(MESSAGE_BYTES / line.length))}`)
})
afterAll(async () => {
  await server.close()
  files.remove()
})

const sendArgs = (...extra: string[]) => ['send', '--server', `127.0.0.1:${server.port}`, '--tls', 'none', '--from', 'a@x.test', '--to', 'b@y.test', '--data-file', dataFile, ...extra]

/** The built CLI with stdin, stdout and stderr on one pseudo-terminal; what the terminal received. */
function underPty(args: string[]): Promise<{ code: number; output: string }> {
  const quoted = [process.execPath, BUILT_CLI, ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ')
  return new Promise((resolve) => {
    // -e: script exits with the command's code; -f: flush as it comes; the log file is not kept.
    execFile('script', ['-qefc', quoted, '/dev/null'], { env: { PATH: process.env['PATH'] ?? '', TERM: 'xterm', NO_COLOR: '1' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (error, stdout) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: stdout })
    })
  })
}

describe.runIf(hasScript())('the transfer progress line', () => {
  it('shows bytes of total, rate and time left on a terminal, redrawn in place, erased when DATA ends', async () => {
    const run = await underPty(sendArgs())
    expect(run.code).toBe(0)
    expect(server.received.at(-1)).toBeGreaterThan(MESSAGE_BYTES)
    const drawn = [...run.output.matchAll(/\r\u001b\[2Ksending ([\d.]+) MB of ([\d.]+) MB {2}([\d.]+) MB\/s {2}([\d.]+ s|\d+ min \d+ s) left/g)]
    // Redrawn: more than one state of the line, the bytes growing, the total the message's size.
    expect(drawn.length).toBeGreaterThan(1)
    const sent = drawn.map((match) => Number(match[1]))
    expect(sent).toEqual([...sent].sort((a, b) => a - b))
    expect(new Set(drawn.map((match) => Number(match[2])))).toEqual(new Set([Number((server.received.at(-1)! / 1_000_000).toFixed(1))]))
    // Erased before the reply to the final dot is printed, and never drawn again after it.
    const lastDrawn = run.output.lastIndexOf('sending ')
    const reply = run.output.indexOf('<- 250 2.0.0 Ok: queued as SLOW1')
    expect(reply).toBeGreaterThan(lastDrawn)
    expect(run.output.slice(lastDrawn, reply)).toContain(ERASE)
    // Every transcript line starts on a clean line: the status line is erased before it.
    for (const match of run.output.matchAll(/sending [^\r\n]*?(\r\n|\r(?!\u001b))/g)) expect(match[1]).toBeUndefined()
  })

  it('is absent with --json, even on a terminal', async () => {
    const run = await underPty(sendArgs('--json'))
    expect(run.code).toBe(0)
    expect(run.output).not.toContain('sending ')
    expect(run.output).not.toContain('\u001b[2K')
    expect(JSON.parse(run.output.replace(/\r\n/g, '\n')) as { result: { status: string } }).toMatchObject({ result: { status: 'sent' } })
  })
})

describe('the transfer progress line when piped', () => {
  it('is absent: stderr is no terminal', async () => {
    const run = await runBuiltCli(sendArgs())
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout).not.toContain('\u001b[2K')
    // The transcript prints a progress count at most every 5 s (printed-progress.ts), and the summary.
    const counts = [...run.stdout.matchAll(/^\s*([\d.]+)ms == message data: \d+ bytes sent of about \d+$/gm)].map((match) => Number(match[1]))
    for (let i = 1; i < counts.length; i++) expect(counts[i]! - counts[i - 1]!).toBeGreaterThanOrEqual(5000)
    expect(run.stdout).toMatch(/message data: \d+ bytes, \d+ lines/)
  })
})
