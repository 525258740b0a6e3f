// A server under test as its own long-running process: started, fed by a load generator,
// its peak resident memory read from the kernel (VmHWM in /proc: the high-water mark, so
// one read at the end is the peak of the whole run), then stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createConnection } from 'node:net'

const READY_WITHIN_MS = 20_000

export interface ServerProcess {
  child: ChildProcess
  /** Everything the server printed on stdout so far. */
  stdout(): string
  /** Peak resident set size so far, KiB. */
  peakRssKiB(): number | undefined
  stop(): Promise<void>
}

export function startServerProcess(command: string, args: string[]): ServerProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    child,
    stdout: () => stdout + (stderr ? `\n[stderr] ${stderr}` : ''),
    peakRssKiB: () => readHwmKiB(child.pid),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

export function readHwmKiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

/** Resolves once the server at host:port answers a connection with 220. */
export async function waitForGreeting(server: ServerProcess, host: string, port: number): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`the server exited (${server.child.exitCode}): ${server.stdout().trim().slice(-800)}`)
    if (await greets(host, port)) return
    if (Date.now() > deadline) throw new Error(`no greeting on ${host}:${port} within ${READY_WITHIN_MS} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function greets(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port })
    const done = (ok: boolean) => {
      socket.end('QUIT\r\n')
      socket.destroy()
      resolve(ok)
    }
    socket.once('error', () => done(false))
    socket.once('data', (chunk) => done(chunk.toString('latin1').startsWith('220')))
  })
}
