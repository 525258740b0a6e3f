// The built CLI against what stalled it: a FIFO with no writer (for --body-file,
// --data-file, --ca and --attach), /dev/zero, a folder and a file over the cap are refused
// at once, naming what the path is; Ctrl-C or SIGTERM end a session stalled on a silent
// server with 130 or 143, and a message cut short is never reported as sent.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { BUILT_CLI, ensureBuiltCli } from './support/built-cli'

let folder: string
let fifo: string
const children: ChildProcess[] = []
const servers: net.Server[] = []

beforeAll(() => {
  ensureBuiltCli()
  folder = mkdtempSync(join(tmpdir(), 'mailwire-special-files-'))
  fifo = join(folder, 'no-writer.fifo')
  execFileSync('mkfifo', [fifo])
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))
afterEach(() => {
  // A CLI that hangs past its test (the failure this file guards against) must not outlive it.
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  for (const server of servers.splice(0)) server.close()
})

interface Exit {
  code: number | null
  stdout: string
  stderr: string
}

function startCli(args: string[]): { child: ChildProcess; exited: Promise<Exit> } {
  const child = spawn(process.execPath, [BUILT_CLI, ...args], { env: { PATH: process.env['PATH'] ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<Exit>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
  return { child, exited }
}

const send = (server: string, ...extra: string[]) => ['send', '--server', server, '--tls', 'none', '--from', 'a@mailwire.test', '--to', 'b@mailwire.test', ...extra]

describe('files that are not regular files', () => {
  it.each([
    ['--body-file', 'a FIFO'],
    ['--data-file', 'a FIFO'],
    ['--ca', 'a FIFO'],
    ['--attach', 'a FIFO'],
  ])('refuses %s on a FIFO with no writer at once, saying it is %s', async (flag) => {
    const { exited } = startCli(send('127.0.0.1:9', flag, fifo))
    const run = await exited
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(`mailwire: cannot read ${flag} ${fifo}: it is a FIFO, not a regular file\n`)
  })

  it.each(['--body-file', '--data-file', '--ca'])('refuses %s /dev/zero as a character device instead of reading it without end', async (flag) => {
    const run = await startCli(send('127.0.0.1:9', flag, '/dev/zero')).exited
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(`mailwire: cannot read ${flag} /dev/zero: it is a character device, not a regular file\n`)
  })

  it('says a folder is a folder', async () => {
    const run = await startCli(send('127.0.0.1:9', '--body-file', folder)).exited
    expect(run.stderr).toBe(`mailwire: cannot read --body-file ${folder}: it is a directory, not a regular file\n`)
  })

  it('refuses a body file and a CA file over their caps, naming the cap', async () => {
    const big = join(folder, 'big.txt')
    writeFileSync(big, '')
    truncateSync(big, 1024 * 1024 * 1024 + 1) // sparse: costs no disk
    const body = await startCli(send('127.0.0.1:9', '--body-file', big)).exited
    expect(body.code).toBe(2)
    expect(body.stderr).toBe(`mailwire: cannot read --body-file ${big}: it is larger than 1 GiB, the most this file may be\n`)
    truncateSync(big, 1024 * 1024 + 1)
    const ca = await startCli(send('127.0.0.1:9', '--ca', big)).exited
    expect(ca.stderr).toBe(`mailwire: cannot read --ca ${big}: it is larger than 1 MiB, the most this file may be\n`)
  })
})

/** A server that accepts and says nothing; `connected` resolves on the first connection. */
async function silentServer(): Promise<{ address: string; connected: Promise<void> }> {
  let connected!: () => void
  const seen = new Promise<void>((resolve) => (connected = resolve))
  const server = net.createServer(() => connected())
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`, connected: seen }
}

/** A server that takes the whole message and never answers the final dot. */
async function silentAfterDot(): Promise<{ address: string; dot: Promise<void> }> {
  let sawDot!: () => void
  const dot = new Promise<void>((resolve) => (sawDot = resolve))
  const server = net.createServer((socket) => {
    socket.write('220 silent.test ready\r\n')
    let pending = ''
    let inData = false
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1')
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end)
        pending = pending.slice(end + 2)
        if (inData) {
          if (line === '.') sawDot()
        } else if (/^EHLO/i.test(line)) socket.write('250 silent.test\r\n')
        else if (/^(MAIL|RCPT)/i.test(line)) socket.write('250 ok\r\n')
        else if (/^DATA/i.test(line)) {
          inData = true
          socket.write('354 go on\r\n')
        }
      }
    })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`, dot }
}

describe('Ctrl-C and SIGTERM', () => {
  it.each([
    ['SIGINT', 130, 'Ctrl-C (SIGINT)'],
    ['SIGTERM', 143, 'SIGTERM'],
  ] as const)('%s ends a session stalled on a silent server with exit %i', async (signal, code, words) => {
    const server = await silentServer()
    const { child, exited } = startCli(send(server.address, '--body', 'hi'))
    await server.connected
    child.kill(signal)
    const run = await exited
    expect(run.code).toBe(code)
    expect(run.stderr).toBe(`mailwire: interrupted by ${words}\n`)
    expect(run.stdout).toContain('Failed: cancelled during greeting.')
  })

  it('never reports a message cut short by Ctrl-C as sent', async () => {
    const server = await silentAfterDot()
    const { child, exited } = startCli(send(server.address, '--body', 'hi', '--json'))
    await server.dot
    child.kill('SIGINT')
    const run = await exited
    expect(run.code).toBe(130)
    const { result } = JSON.parse(run.stdout) as { result: { status: string } }
    expect(result.status).toBe('unknown')
  })
})
