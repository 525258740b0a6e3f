// TLS and certificate details in words, for the result paragraph and the probe report.
import type { CertificateInfo, TlsInfo } from '../smtp/types'
import { safeText } from './safe-text'

const DAY_MS = 24 * 60 * 60 * 1000

/** Whole days from `now` until the certificate expires; negative once it has. */
export function daysLeft(validTo: string, now: number = Date.now()): number | undefined {
  const end = Date.parse(validTo)
  return Number.isNaN(end) ? undefined : Math.floor((end - now) / DAY_MS)
}

export function tlsVerdict(tls: TlsInfo): string {
  if (tls.authorized) return 'certificate verified'
  const why = tls.authorizationError ? safeText(tls.authorizationError) : 'not trusted'
  // Neutral words: the app's history export prints this too, where there is no --insecure.
  return tls.verificationSkipped ? `certificate NOT verified (${why}; accepted because verification is off)` : `certificate NOT verified (${why})`
}

/** "TLSv1.3, TLS_AES_256_GCM_SHA384, certificate verified" */
export function formatTlsSummary(tls: TlsInfo): string {
  return `${safeText(tls.protocol)}, ${safeText(tls.cipher)}, ${tlsVerdict(tls)}`
}

/** The certificate as a few "label: value" lines. */
export function formatCertificate(cert: CertificateInfo, now: number = Date.now()): string[] {
  const days = daysLeft(cert.validTo, now)
  const left =
    days === undefined ? '' : days < 0 ? ` (EXPIRED ${-days} days ago)` : ` (${days} days left)`
  return [
    `subject:     ${safeText(cert.subject)}`,
    `issuer:      ${safeText(cert.issuer)}`,
    `names (SAN): ${cert.altNames.length ? cert.altNames.map((name) => safeText(name)).join(', ') : '(none)'}`,
    `valid:       ${safeText(cert.validFrom)} to ${safeText(cert.validTo)}${left}`,
    `sha256:      ${safeText(cert.fingerprint256)}`,
    `serial:      ${safeText(cert.serialNumber)}`,
  ]
}
