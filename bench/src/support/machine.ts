// What the figures were measured on: they mean little without the machine, its load,
// and the versions of every peer.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { CURL, pythonPath } from './peers'

export interface Machine {
  cpu: string
  cores: number
  ramGiB: string
  os: string
  node: string
  /** What bench/run.mjs removed from the environment of every process it starts. */
  removedEnvironment?: string
  peers: Record<string, string>
}

export function describeMachine(root: string): Machine {
  const python = pythonPath()
  return {
    cpu: cpuModel(),
    cores: os.cpus().length,
    ramGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${osName()} (Linux ${os.release()}, ${os.arch()})`,
    node: process.version,
    ...(process.env.MAILWIRE_BENCH_REMOVED_EXTRA_CA_CERTS !== undefined
      ? { removedEnvironment: `NODE_EXTRA_CA_CERTS=${process.env.MAILWIRE_BENCH_REMOVED_EXTRA_CA_CERTS} (set on this machine; each Node start would parse that bundle, and users do not set it)` }
      : {}),
    peers: {
      nodemailer: packageVersion(root, 'nodemailer'),
      python: python ? `${firstLine(python, ['--version'])} (${python})` : 'not installed',
      curl: firstLine(CURL, ['--version']),
      'smtp-sink, smtp-source (postfix)': postfixVersion(),
      aiosmtpd: python ? firstLine(python, ['-c', 'import aiosmtpd; print(aiosmtpd.__version__)']) : 'not installed',
      chromium: firstLine('/usr/bin/chromium', ['--version']),
      'playwright-core': packageVersion(root, 'playwright-core'),
    },
  }
}

/** "load 1.52 1.10 0.80 (1, 5, 15 min)" now: the machine is shared, so say how busy it was. */
export function loadNow(): string {
  const [one, five, fifteen] = os.loadavg().map((value) => value.toFixed(2))
  return `${one} ${five} ${fifteen}`
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))
    if (match) return match[1]!.trim()
  } catch {
    // Not Linux: fall back to what Node knows.
  }
  return os.cpus()[0]?.model ?? 'unknown'
}

function osName(): string {
  try {
    const match = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))
    if (match) return match[1]!
  } catch {
    // No os-release: the kernel line below still says something.
  }
  return os.type()
}

function packageVersion(root: string, name: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
  } catch {
    return 'not installed'
  }
}

function firstLine(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0]!.trim()
  } catch {
    return 'not installed'
  }
}

function postfixVersion(): string {
  try {
    const out = execFileSync('/usr/sbin/postconf', ['-d', 'mail_version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    return `Postfix ${out.split('=')[1]?.trim() ?? out.trim()}`
  } catch {
    return existsSync('/usr/sbin/smtp-sink') ? 'installed (version unknown)' : 'not installed'
  }
}
