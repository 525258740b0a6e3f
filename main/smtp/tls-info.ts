// What the TLS handshake established, as plain data for the `tls` wire event and results.
import { X509Certificate } from 'node:crypto'
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls'
import type { CertificateInfo, PresentedCa, TlsInfo } from './types'

/** Chains longer than this are cut: a server could send a loop or a very long chain. */
const MAX_CHAIN = 10

function describeCertificate(raw: Buffer): CertificateInfo {
  const cert = new X509Certificate(raw)
  return {
    subject: cert.subject.split('\n').join(', '),
    issuer: cert.issuer.split('\n').join(', '),
    altNames: cert.subjectAltName ? cert.subjectAltName.split(/,\s*/) : [],
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    fingerprint256: cert.fingerprint256,
    serialNumber: cert.serialNumber,
  }
}

function peerChain(socket: TLSSocket): CertificateInfo[] {
  const chain: CertificateInfo[] = []
  const seen = new Set<string>()
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true)
  while (cert && cert.raw && chain.length < MAX_CHAIN) {
    const info = describeCertificate(cert.raw)
    if (seen.has(info.fingerprint256)) break
    seen.add(info.fingerprint256)
    chain.push(info)
    cert = cert.issuerCertificate
  }
  return chain
}

/**
 * The last certificate of the chain the server sent, when it is self-issued (a root CA, or
 * a self-signed server certificate): the one certificate a user can choose to trust.
 * Undefined when the chain stops below its root (the server did not send it).
 */
export function presentedCa(socket: TLSSocket): PresentedCa | undefined {
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true)
  for (let depth = 0; cert?.raw && depth < MAX_CHAIN; depth++) {
    const next: DetailedPeerCertificate | undefined = cert.issuerCertificate
    if (!next?.raw || next === cert || next.raw.equals(cert.raw)) break
    cert = next
  }
  if (!cert?.raw) return undefined
  const x509 = new X509Certificate(cert.raw)
  if (x509.subject !== x509.issuer) return undefined
  return { subject: x509.subject.split('\n').join(', '), fingerprint256: x509.fingerprint256, pem: x509.toString() }
}

export function describeTls(socket: TLSSocket, mode: TlsInfo['mode'], verificationSkipped: boolean): TlsInfo {
  const cipher = socket.getCipher()
  const info: TlsInfo = {
    protocol: socket.getProtocol() ?? 'unknown',
    cipher: cipher?.standardName ?? cipher?.name ?? 'unknown',
    certificates: peerChain(socket),
    authorized: socket.authorized,
    verificationSkipped,
    mode,
  }
  if (!socket.authorized && socket.authorizationError) info.authorizationError = String(socket.authorizationError)
  return info
}

const VERIFY_ERRORS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends in a self-signed certificate that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate is not signed by a trusted authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate is not signed by a trusted authority',
  UNABLE_TO_GET_ISSUER_CERT: 'the issuer of the certificate is unknown',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is not valid for this host name',
  CERT_REVOKED: 'the certificate has been revoked',
}

/** One sentence about a failed verification, naming the certificate's own data. */
export function explainVerification(info: TlsInfo, host: string): string {
  const code = info.authorizationError ?? 'UNKNOWN'
  const leaf = info.certificates[0]
  const why = VERIFY_ERRORS[code] ?? `verification failed (${code})`
  if (!leaf) return `certificate of ${host} not trusted: ${why}`
  let detail = ''
  if (code === 'CERT_HAS_EXPIRED') detail = ` (valid until ${leaf.validTo})`
  else if (code === 'CERT_NOT_YET_VALID') detail = ` (valid from ${leaf.validFrom})`
  else if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') detail = ` "${host}" (it names ${leaf.altNames.join(', ') || leaf.subject})`
  return `certificate of ${host} not trusted: ${why}${detail} [${code}]`
}

/** A one-line summary for the wire log. */
export function tlsSummary(info: TlsInfo): string {
  const leaf = info.certificates[0]
  const subject = leaf ? `, certificate ${leaf.subject} issued by ${leaf.issuer}` : ', no certificate'
  const verdict = info.authorized
    ? 'verified'
    : info.verificationSkipped
      ? `NOT verified (${info.authorizationError ?? 'unknown'}), accepted because verification is off`
      : `NOT verified (${info.authorizationError ?? 'unknown'})`
  return `${info.mode === 'starttls' ? 'STARTTLS' : 'implicit TLS'}: ${info.protocol} ${info.cipher}${subject}; ${verdict}`
}
