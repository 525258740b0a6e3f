import type { CertificateInfo, TlsInfo } from '../../../../preload/contract'

const DAY_MS = 24 * 60 * 60 * 1000

/** The common name of a distinguished name ("CN=mail.example.com, O=…"), or the whole. */
export function commonName(dn: string): string {
  const match = /(?:^|[,/\n]\s*)CN=([^,/\n]+)/.exec(dn)
  return match ? match[1]!.trim() : dn
}

export type TlsVerdict = { tone: 'ok' | 'warn' | 'bad'; text: string }

export function tlsVerdict(tls: TlsInfo): TlsVerdict {
  if (tls.authorized) return { tone: 'ok', text: 'certificate verified' }
  const why = tls.authorizationError ?? 'verification failed'
  if (tls.verificationSkipped) return { tone: 'warn', text: `not verified (${why}), accepted by your choice` }
  return { tone: 'bad', text: `not verified: ${why}` }
}

/** Whole days from `now` until the certificate expires (negative once expired). */
export function daysLeft(certificate: CertificateInfo, now = Date.now()): number | undefined {
  const end = Date.parse(certificate.validTo)
  if (Number.isNaN(end)) return undefined
  return Math.floor((end - now) / DAY_MS)
}

export function describeDaysLeft(days: number | undefined): string {
  if (days === undefined) return 'unknown expiry'
  if (days < 0) return `expired ${-days} day${days === -1 ? '' : 's'} ago`
  if (days === 0) return 'expires today'
  return `${days} day${days === 1 ? '' : 's'} left`
}
