// Run a peer or client as its own process and measure what a user would see: wall time
// from spawn to exit, and peak resident memory (the kernel's own figure, from
// `/usr/bin/time -v` when present, else VmHWM polled from /proc).
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

const GNU_TIME = '/usr/bin/time'
/** How often /proc/PID/status is read when GNU time is missing. */
const HWM_POLL_MS = 20

export interface ProcessRun {
  exitCode: number | null
  stdout: string
  stderr: string
  wallMs: number
  /** Peak resident set size in KiB. */
  peakRssKiB?: number
  /** User plus system CPU time in ms (GNU time only). */
  cpuMs?: number
}

export async function runMeasured(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessRun> {
  const useTime = existsSync(GNU_TIME)
  const [file, argv] = useTime ? [GNU_TIME, ['-v', command, ...args]] : [command, args]
  const started = performance.now()
  const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  let polledKiB = 0
  const poll = useTime
    ? undefined
    : setInterval(() => {
        polledKiB = Math.max(polledKiB, readHwmKiB(child.pid) ?? 0)
      }, HWM_POLL_MS)
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => resolve(code))
  })
  const wallMs = performance.now() - started
  if (poll) clearInterval(poll)
  let peakRssKiB: number | undefined = polledKiB || undefined
  let cpuMs: number | undefined
  if (useTime) {
    const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)
    peakRssKiB = match ? Number(match[1]) : undefined
    const user = /User time \(seconds\): ([\d.]+)/.exec(stderr)
    const system = /System time \(seconds\): ([\d.]+)/.exec(stderr)
    if (user && system) cpuMs = (Number(user[1]) + Number(system[1])) * 1000
    // GNU time appends its report to stderr; keep only the program's own text.
    const reportAt = stderr.lastIndexOf('\tCommand being timed:')
    if (reportAt !== -1) stderr = stderr.slice(0, reportAt)
  }
  return { exitCode, stdout, stderr, wallMs, ...(peakRssKiB !== undefined ? { peakRssKiB } : {}), ...(cpuMs !== undefined ? { cpuMs } : {}) }
}

function readHwmKiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

/** A child's last stdout line as JSON (each benchmark client prints one). */
export function lastJsonLine<T>(run: ProcessRun, what: string): T {
  const line = run.stdout.trim().split('\n').pop() ?? ''
  try {
    return JSON.parse(line) as T
  } catch {
    throw new Error(`${what} exited ${run.exitCode} without a result: ${(run.stderr || run.stdout).trim().slice(-800)}`)
  }
}
