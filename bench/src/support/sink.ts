// Postfix's smtp-sink on loopback: the one server every client in a benchmark talks to.
// It accepts mail and throws it away (no -d/-D: no disk in the measurement), so what is
// measured is the client and the loopback path.
import { spawn, type ChildProcess } from 'node:child_process'
import { createConnection, createServer } from 'node:net'

export const SMTP_SINK = '/usr/sbin/smtp-sink'
/** smtp-sink's listen backlog (its last argument). */
const BACKLOG = 1000
const READY_WITHIN_MS = 5000

export interface Sink {
  host: string
  port: number
  /** smtp-sink's process id (for its peak RSS). */
  pid?: number
  stop(): Promise<void>
}

/** A free loopback port: bind port 0, read it, let it go. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export async function startSmtpSink(): Promise<Sink> {
  const host = '127.0.0.1'
  const port = await freePort()
  // As root smtp-sink must drop privileges (-u); it needs none to listen on a high port.
  const args = [...(process.getuid?.() === 0 ? ['-u', 'nobody'] : []), `${host}:${port}`, String(BACKLOG)]
  const child = spawn(SMTP_SINK, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  await waitForGreeting(host, port, child, () => stderr)
  return {
    host,
    port,
    ...(child.pid !== undefined ? { pid: child.pid } : {}),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

async function waitForGreeting(host: string, port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS
  for (;;) {
    if (child.exitCode !== null) throw new Error(`smtp-sink exited (${child.exitCode}): ${stderr().trim()}`)
    if (await greets(host, port)) return
    if (Date.now() > deadline) throw new Error(`smtp-sink did not greet on ${host}:${port} within ${READY_WITHIN_MS} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function greets(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.once('error', () => done(false))
    socket.once('data', (chunk) => done(chunk.toString('latin1').startsWith('220')))
  })
}
