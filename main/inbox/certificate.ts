// The inbox's own TLS certificate: self-signed, EC P-256, valid for the loopback names,
// made on first start and kept in the data folder so a client can trust it once. It is
// made again when missing, unreadable, not for the loopback names, or about to expire.
import { X509Certificate, createPrivateKey } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import selfsigned from 'selfsigned'
import { writeFileAtomic } from '../storage/atomic-file'

const DAY_MS = 24 * 60 * 60 * 1000
const VALIDITY_DAYS = 365
/** Renewed this long before it expires, so a long-running app does not cross the date. */
const RENEW_BEFORE_DAYS = 14
/** Allows for a client clock slightly behind ours. */
const BACKDATE_MS = 60 * 60 * 1000
const COMMON_NAME = 'Mailwire local test inbox'
const LOOPBACK_HOSTS = ['localhost']
const LOOPBACK_IPS = ['127.0.0.1', '::1']

/** Key and certificate in one file, so they are always replaced together. */
export const CERTIFICATE_FILE = join('tls', 'inbox.pem')

export interface InboxCertificate {
  key: string
  cert: string
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint256: string
  validTo: Date
  /** True when this call made it (first start, or the old one was unusable). */
  created: boolean
}

const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----\r?\n[\s\S]*?-----END \1-----/g

function splitPem(text: string): { cert?: string; key?: string } {
  const found: { cert?: string; key?: string } = {}
  for (const match of text.matchAll(PEM_BLOCK)) {
    if (match[1] === 'CERTIFICATE') found.cert ??= `${match[0]}\n`
    else if (match[1]?.endsWith('PRIVATE KEY')) found.key ??= `${match[0]}\n`
  }
  return found
}

/** Why a kept certificate cannot be reused, or undefined when it can. */
export function certificateProblem(cert: string, key: string, now: Date): string | undefined {
  let x509: X509Certificate
  try {
    x509 = new X509Certificate(cert)
    if (!x509.checkPrivateKey(createPrivateKey(key))) return 'the key does not match the certificate'
  } catch (error) {
    return `unreadable: ${(error as Error).message}`
  }
  if (new Date(x509.validFrom).getTime() > now.getTime()) return 'not valid yet'
  if (new Date(x509.validTo).getTime() - RENEW_BEFORE_DAYS * DAY_MS <= now.getTime()) return 'expired or about to'
  const coversLoopback =
    LOOPBACK_HOSTS.every((host) => x509.checkHost(host) !== undefined) &&
    LOOPBACK_IPS.every((ip) => x509.checkIP(ip) !== undefined)
  return coversLoopback ? undefined : 'not valid for localhost, 127.0.0.1 and ::1'
}

async function generate(now: Date): Promise<{ key: string; cert: string }> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: COMMON_NAME }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - BACKDATE_MS),
    notAfterDate: new Date(now.getTime() + VALIDITY_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...LOOPBACK_HOSTS.map((value) => ({ type: 2 as const, value })),
          ...LOOPBACK_IPS.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  })
  return { key: pems.private, cert: pems.cert }
}

function describe(pair: { key: string; cert: string }, created: boolean): InboxCertificate {
  const x509 = new X509Certificate(pair.cert)
  return { ...pair, fingerprint256: x509.fingerprint256, validTo: new Date(x509.validTo), created }
}

export async function loadOrCreateCertificate(dataDir: string, now: Date = new Date()): Promise<InboxCertificate> {
  const path = join(dataDir, CERTIFICATE_FILE)
  const kept = splitPem(await readFile(path, 'utf8').catch(() => ''))
  if (kept.cert && kept.key && certificateProblem(kept.cert, kept.key, now) === undefined) {
    return describe({ cert: kept.cert, key: kept.key }, false)
  }
  const generated = await generate(now)
  // Normalized the way it reads back, so the PEM text is the same after a restart.
  const made = splitPem(generated.cert + generated.key)
  if (!made.cert || !made.key) throw new Error('selfsigned returned no certificate or key')
  await mkdir(join(dataDir, 'tls'), { recursive: true, mode: 0o700 })
  // The private key is in this file: readable by its owner only.
  await writeFileAtomic(path, made.cert + made.key, 0o600)
  return describe({ cert: made.cert, key: made.key }, true)
}
