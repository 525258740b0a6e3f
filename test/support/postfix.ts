// A real Postfix on loopback for interop tests: plain SMTP with STARTTLS on 2525 and
// implicit TLS on 4465, a PROXY-protocol port (2526, as behind a load balancer) and a port
// that requires a client certificate (2527), certificates from a test CA, mail for @mailwire.test delivered
// to Maildirs we can read back. Configured and started once per run by the global setup
// (as root, the way .ci/run runs), idempotent when it is already up.
import { execFileSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createConnection } from 'node:net'
import { join } from 'node:path'
import { X509Certificate, createHash, randomBytes } from 'node:crypto'
import { createCa, createTestPki } from './test-ca'

export interface PostfixInfo {
  host: string
  /** Plain SMTP, STARTTLS offered. */
  port: number
  /** TLS from the first byte (smtps). */
  implicitTlsPort: number
  /** Mail for this domain is delivered to Maildirs under mailRoot. */
  domain: string
  mailRoot: string
  /** PEM of the CA that signed Postfix's certificate. */
  caPem: string
  /** Expects a HAProxy PROXY header (v1 or v2) before SMTP. */
  proxyProtocolPort: number
  /** STARTTLS required, with a client certificate signed by clientCa. */
  clientCertPort: number
  /** The CA (with its key, to issue client certificates) whose certificates 2527 accepts. */
  clientCa: { cert: string; key: string }
}

const PORT = 2525
const IMPLICIT_TLS_PORT = 4465
const PROXY_PROTOCOL_PORT = 2526
const CLIENT_CERT_PORT = 2527
const DOMAIN = 'mailwire.test'
const MAIL_ROOT = '/var/mail/mailwire'
const PKI_DIR = '/etc/postfix/mailwire'
const NOBODY = 65534
const INBOX = 'inbox'

export const postfixInfoFor = (caPem: string, clientCa: PostfixInfo['clientCa']): PostfixInfo => ({
  host: '127.0.0.1',
  port: PORT,
  implicitTlsPort: IMPLICIT_TLS_PORT,
  proxyProtocolPort: PROXY_PROTOCOL_PORT,
  clientCertPort: CLIENT_CERT_PORT,
  domain: DOMAIN,
  mailRoot: MAIL_ROOT,
  caPem,
  clientCa,
})

function postfixInstalled(): boolean {
  return existsSync('/usr/sbin/postfix')
}

function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(2000, () => done(false))
    socket.once('error', () => done(false))
    socket.once('data', (chunk) => done(chunk.toString('latin1').startsWith('220 ')))
  })
}

function certStillValid(path: string): boolean {
  if (!existsSync(path)) return false
  const cert = new X509Certificate(readFileSync(path))
  return Date.parse(cert.validTo) - Date.now() > 24 * 60 * 60 * 1000
}

/** The CA of client certificates, apart from the server's PKI so that adding it changes nothing there. */
async function writeClientCa(): Promise<void> {
  if (certStillValid(join(PKI_DIR, 'client-ca.pem')) && existsSync(join(PKI_DIR, 'client-ca.key'))) return
  const ca = await createCa('Mailwire Test Client CA')
  writeFileSync(join(PKI_DIR, 'client-ca.key'), ca.key, { mode: 0o600 })
  writeFileSync(join(PKI_DIR, 'client-ca.pem'), ca.cert)
}

async function writePki(): Promise<void> {
  if (certStillValid(join(PKI_DIR, 'server.pem')) && existsSync(join(PKI_DIR, 'ca.pem'))) return
  mkdirSync(PKI_DIR, { recursive: true })
  const pki = await createTestPki()
  writeFileSync(join(PKI_DIR, 'ca.pem'), pki.ca.cert)
  writeFileSync(join(PKI_DIR, 'server.pem'), `${pki.server.cert.trim()}\n${pki.ca.cert.trim()}\n`)
  writeFileSync(join(PKI_DIR, 'server.key'), pki.server.key, { mode: 0o600 })
}

// Postfix's tools live in /usr/sbin, which a CI shell's PATH may lack: give it to them.
const SBIN_PATH = `/usr/sbin:/sbin:${process.env['PATH'] ?? '/usr/bin:/bin'}`
const run = (file: string, args: string[]) =>
  execFileSync(file, args, { stdio: 'pipe', env: { ...process.env, PATH: SBIN_PATH } }).toString()

/** What configure() would write, plus the certificate it points at. */
function configurationStamp(): string {
  return createHash('sha256')
    .update(configure.toString())
    .update(readFileSync(join(PKI_DIR, 'server.pem')))
    .update(readFileSync(join(PKI_DIR, 'client-ca.pem')))
    .digest('hex')
}

/** Keep the shared Maildir small, without deleting mail a concurrent run still waits for. */
function removeOldMail(olderThanMs: number): void {
  const dir = join(MAIL_ROOT, INBOX, 'new')
  if (!existsSync(dir)) return
  const cutoff = Date.now() - olderThanMs
  for (const name of readdirSync(dir)) {
    const file = join(dir, name)
    if (statSync(file).mtimeMs < cutoff) rmSync(file, { force: true })
  }
}

function configure(): void {
  mkdirSync(MAIL_ROOT, { recursive: true })
  run('chown', ['-R', `${NOBODY}:${NOBODY}`, MAIL_ROOT])
  writeFileSync(
    join(PKI_DIR, 'mailboxes.regexp'),
    // Only plain local parts have a mailbox; anything else is "User unknown" (550 5.1.1).
    // virtual(8) forbids $1 in mailbox paths, so all mail shares one Maildir and readers
    // pick their messages by the Delivered-To header virtual(8) adds.
    `/^[a-z0-9][a-z0-9._+-]*@mailwire\\.test$/ ${INBOX}/\n`,
  )
  writeFileSync(
    join(PKI_DIR, 'recipient-access.regexp'),
    // Scripted refusals for tests of partial acceptance and temporary failures.
    [
      '/^reject[^@]*@mailwire\\.test$/ 550 5.1.1 Recipient refused by test policy',
      '/^defer[^@]*@mailwire\\.test$/ 450 4.2.1 Recipient deferred by test policy',
      '',
    ].join('\n'),
  )
  const settings = [
    'compatibility_level=3.6',
    'inet_interfaces=loopback-only',
    'inet_protocols=all',
    'myhostname=postfix.mailwire.test',
    'mydestination=',
    'mynetworks=127.0.0.0/8 [::1]/128',
    'relayhost=',
    'maillog_file=/var/log/postfix-mailwire.log',
    `virtual_mailbox_domains=${DOMAIN}`,
    `virtual_mailbox_base=${MAIL_ROOT}`,
    `virtual_mailbox_maps=regexp:${PKI_DIR}/mailboxes.regexp`,
    `virtual_uid_maps=static:${NOBODY}`,
    `virtual_gid_maps=static:${NOBODY}`,
    'virtual_mailbox_limit=0',
    'message_size_limit=209715200',
    `smtpd_recipient_restrictions=check_recipient_access regexp:${PKI_DIR}/recipient-access.regexp, permit_mynetworks, reject_unauth_destination`,
    `smtpd_tls_cert_file=${PKI_DIR}/server.pem`,
    `smtpd_tls_key_file=${PKI_DIR}/server.key`,
    'smtpd_tls_security_level=may',
    'smtpd_tls_protocols=>=TLSv1.2',
    'smtputf8_enable=yes',
    'smtpd_banner=$myhostname ESMTP Postfix (Mailwire test)',
  ]
  run('postconf', ['-e', ...settings])
  // chroot off for every service: the chroot jail needs files this container lacks.
  run('postconf', ['-F', '*/*/chroot = n'])
  run('postconf', ['-M', `127.0.0.1:${PORT}/inet=127.0.0.1:${PORT} inet n - n - - smtpd`])
  run('postconf', [
    '-M',
    `127.0.0.1:${IMPLICIT_TLS_PORT}/inet=127.0.0.1:${IMPLICIT_TLS_PORT} inet n - n - - smtpd -o smtpd_tls_wrappermode=yes`,
  ])
  // Behind a load balancer: the client's address comes from the PROXY header (v1 or v2).
  run('postconf', [
    '-M',
    `127.0.0.1:${PROXY_PROTOCOL_PORT}/inet=127.0.0.1:${PROXY_PROTOCOL_PORT} inet n - n - - smtpd -o smtpd_upstream_proxy_protocol=haproxy -o smtpd_peername_lookup=no`,
  ])
  // TLS required, and a certificate from the client CA, or no session.
  run('postconf', [
    '-M',
    `127.0.0.1:${CLIENT_CERT_PORT}/inet=127.0.0.1:${CLIENT_CERT_PORT} inet n - n - - smtpd -o smtpd_tls_security_level=encrypt -o smtpd_tls_ask_ccert=yes -o smtpd_tls_req_ccert=yes -o smtpd_tls_CAfile=${PKI_DIR}/client-ca.pem`,
  ])
  run('postconf', ['-M', 'postlog/unix-dgram=postlog unix-dgram n - n - 1 postlogd'])
  run('postfix', ['check'])
}

async function waitUntilGreeting(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await greets(port)) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`Postfix did not greet on 127.0.0.1:${port} within ${timeoutMs} ms`)
}

/**
 * Make sure Postfix runs as configured here. Returns null when Postfix is not installed or
 * we are not root (the caller decides whether that is a failure).
 */
export async function ensurePostfix(): Promise<PostfixInfo | null> {
  if (!postfixInstalled() || process.getuid?.() !== 0) return null
  await writePki()
  await writeClientCa()
  const running = (() => {
    try {
      run('postfix', ['status'])
      return true
    } catch {
      return false
    }
  })()
  // Several test runs may share this Postfix (two terminals, parallel agents): touch its
  // configuration, and reload it, only when something changed.
  const stamp = join(PKI_DIR, 'configured.stamp')
  const wanted = configurationStamp()
  const current = existsSync(stamp) ? readFileSync(stamp, 'utf8') : ''
  if (!running || current !== wanted) {
    configure()
    run('postfix', [running ? 'reload' : 'start'])
    writeFileSync(stamp, wanted)
  }
  removeOldMail(60 * 60 * 1000)
  await waitUntilGreeting(PORT, 15_000)
  // The smtps port says nothing before a TLS handshake, and master starts both together.
  const clientCa = { cert: readFileSync(join(PKI_DIR, 'client-ca.pem'), 'utf8'), key: readFileSync(join(PKI_DIR, 'client-ca.key'), 'utf8') }
  return postfixInfoFor(readFileSync(join(PKI_DIR, 'ca.pem'), 'utf8'), clientCa)
}

/** A fresh mailbox name per test, so tests run in parallel without reading each other's mail. */
export function uniqueMailbox(tag: string): string {
  return `${tag}-${randomBytes(4).toString('hex')}@${DOMAIN}`
}

/** The first bytes of a file: Delivered-To is among the first header lines virtual(8) writes. */
function headOf(file: string, bytes = 4096): string {
  const fd = openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0)).toString('utf8')
  } finally {
    closeSync(fd)
  }
}

/**
 * After the expected count arrived, how long the Maildir must stay without a new message
 * for the address (and Postfix's queue hold nothing for it) before the list is complete.
 */
const SETTLE_MS = 300

/** Whether Postfix's queue (incoming, active, deferred, hold) still holds mail for the address. */
function queuedFor(address: string): boolean {
  const wanted = address.toLowerCase()
  return run('postqueue', ['-j'])
    .split('\n')
    .filter((line) => line.trim() !== '')
    .some((line) => {
      const entry = JSON.parse(line) as { recipients?: Array<{ address: string }> }
      return (entry.recipients ?? []).some((recipient) => recipient.address.toLowerCase() === wanted)
    })
}

/**
 * The raw messages delivered to an address: at least `count`, and then every one, so a
 * duplicate delivery shows in the length. Returns once the queue holds nothing more for
 * the address and no new message came for SETTLE_MS.
 */
export async function waitForMail(address: string, count = 1, timeoutMs = 15_000): Promise<string[]> {
  const dir = join(MAIL_ROOT, INBOX, 'new')
  const deliveredTo = new RegExp(`^Delivered-To: ${address.replace(/[.+]/g, '\\$&')}$`, 'mi')
  const seen = new Set<string>()
  const mine: string[] = []
  const deadline = Date.now() + timeoutMs
  let lastArrival = Date.now()
  for (;;) {
    for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
      if (seen.has(name)) continue
      seen.add(name)
      const file = join(dir, name)
      if (!deliveredTo.test(headOf(file))) continue
      mine.push(readFileSync(file, 'utf8'))
      lastArrival = Date.now()
    }
    if (mine.length >= count && Date.now() - lastArrival >= SETTLE_MS && !queuedFor(address)) return mine
    if (Date.now() > deadline) {
      const still = mine.length >= count ? ', and the queue still holds mail for it' : ''
      throw new Error(`${mine.length} of ${count} message(s) arrived for ${address} within ${timeoutMs} ms${still}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}
