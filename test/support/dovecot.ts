// Debian's Dovecot as a real LMTP server (RFC 2033) for one test file: its own
// configuration, runtime and mail folders in a temporary directory, an LMTP listener on a
// free loopback port, and users from a passwd-file. Mail is saved to Maildirs the test
// reads back. Needs root (Dovecot switches to the mail user to deliver), as Postfix does.
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free-port'

export const DOVECOT = '/usr/sbin/dovecot'
const LMTP = '/usr/lib/dovecot/lmtp'
const NOBODY = 65534

/** Dovecot with its LMTP server installed, and root to run it: else the LMTP suites skip (CI fails instead). */
export const canRunDovecot = () => existsSync(DOVECOT) && existsSync(LMTP) && process.getuid?.() === 0

export interface DovecotUser {
  address: string
  /** A Dovecot quota rule, e.g. `*:storage=10B`: a delivery over it is refused after the message. */
  quota?: string
}

export interface Dovecot {
  host: string
  port: number
  /** The raw messages saved for a user (their Maildir's new/ folder), oldest first. */
  messages(address: string): string[]
  stop(): void
}

function config(root: string, port: number): string {
  return `protocols = lmtp
base_dir = ${root}/run
state_dir = ${root}/state
log_path = ${root}/dovecot.log
ssl = no
listen = 127.0.0.1
first_valid_uid = 1
mail_location = maildir:~/Maildir
mail_plugins = quota
plugin {
  quota = maildir:User quota
}
passdb {
  driver = passwd-file
  args = ${root}/users
}
userdb {
  driver = passwd-file
  args = ${root}/users
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${port}
  }
}
`
}

async function accepting(port: number, log: string): Promise<void> {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port })
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`Dovecot did not listen on 127.0.0.1:${port} within 10 s; its log:\n${existsSync(log) ? readFileSync(log, 'utf8') : '(none)'}`)
}

export async function startDovecot(users: DovecotUser[]): Promise<Dovecot> {
  const root = mkdtempSync(join(tmpdir(), 'mailwire-dovecot-'))
  const mail = join(root, 'mail')
  for (const dir of ['run', 'state', 'mail']) mkdirSync(join(root, dir))
  // Dovecot delivers as the user's uid (nobody): the mail folders must be theirs to write.
  chmodSync(root, 0o755)
  execFileSync('chown', [`${NOBODY}:${NOBODY}`, mail])
  const home = (address: string) => join(mail, address)
  writeFileSync(
    join(root, 'users'),
    users.map((user) => `${user.address}:{PLAIN}unused:${NOBODY}:${NOBODY}::${home(user.address)}::${user.quota ? `userdb_quota_rule=${user.quota}` : ''}\n`).join(''),
  )
  const port = await freePort()
  const conf = join(root, 'dovecot.conf')
  writeFileSync(conf, config(root, port))
  // Dovecot forks into the background: with our pipes as its stdio, execFileSync would wait for it.
  execFileSync(DOVECOT, ['-c', conf], { stdio: 'ignore' })
  const stop = () => {
    try {
      execFileSync(DOVECOT, ['-c', conf, 'stop'], { stdio: 'ignore' })
    } catch {
      // Already stopped.
    }
    rmSync(root, { recursive: true, force: true })
  }
  try {
    await accepting(port, join(root, 'dovecot.log'))
  } catch (error) {
    stop()
    throw error
  }
  return {
    host: '127.0.0.1',
    port,
    messages: (address) => {
      const dir = join(home(address), 'Maildir', 'new')
      return existsSync(dir) ? readdirSync(dir).sort().map((name) => readFileSync(join(dir, name), 'utf8')) : []
    },
    stop,
  }
}
