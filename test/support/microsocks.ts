// Debian's microsocks, a real SOCKS5 server, on a free loopback port for one test file:
// started here, killed after. With a user and password it requires RFC 1929 login.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import net from 'node:net'
import { freePort } from './free-port'

export const MICROSOCKS = '/usr/bin/microsocks'
export const hasMicrosocks = () => existsSync(MICROSOCKS)

export interface Microsocks {
  host: string
  port: number
  stop(): Promise<void>
}

/** Resolves once a connection to the port succeeds (microsocks prints nothing when ready). */
async function accepting(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`microsocks exited with ${child.exitCode}`)
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port })
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (ok) return
    await new Promise((resolve) => setImmediate(resolve))
  }
}

export async function startMicrosocks(login?: { user: string; password: string }): Promise<Microsocks> {
  const port = await freePort()
  const args = ['-i', '127.0.0.1', '-p', String(port), ...(login ? ['-u', login.user, '-P', login.password] : [])]
  const child = spawn(MICROSOCKS, args, { stdio: 'ignore' })
  await accepting(port, child)
  return {
    host: '127.0.0.1',
    port,
    stop: async () => {
      if (child.exitCode !== null) return
      child.kill()
      await once(child, 'exit')
    },
  }
}
