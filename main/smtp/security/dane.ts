// RFC 6698 section 2.1 and RFC 7672 section 3.1: does a TLSA record match the chain the
// exchanger presented? For SMTP only DANE-TA(2) and DANE-EE(3) count; PKIX-TA(0) and
// PKIX-EE(1) are unusable (RFC 7672 section 3.1.3).
import { createHash, X509Certificate } from 'node:crypto'
import type { TlsaRecord } from './types'

const DANE_TA = 2
const DANE_EE = 3
const SELECTOR_SPKI = 1
const MATCHING = ['', 'sha256', 'sha512'] as const

function associated(der: Buffer, record: TlsaRecord): string | undefined {
  const selected = record.selector === SELECTOR_SPKI ? new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' }) : der
  const algorithm = MATCHING[record.matchingType]
  if (algorithm === undefined) return undefined
  return algorithm === '' ? selected.toString('hex') : createHash(algorithm).update(selected).digest('hex')
}

/** Usable records: DANE-TA or DANE-EE, a known selector and matching type. */
export function usableTlsa(records: readonly TlsaRecord[]): TlsaRecord[] {
  return records.filter((r) => (r.usage === DANE_TA || r.usage === DANE_EE) && r.selector <= 1 && r.matchingType <= 2)
}

/** DANE-EE matches the leaf; DANE-TA any certificate of the chain above it (the sender still checks the name). */
export function tlsaMatches(records: readonly TlsaRecord[], chain: readonly Buffer[]): boolean {
  return usableTlsa(records).some((record) => {
    const candidates = record.usage === DANE_EE ? chain.slice(0, 1) : chain.slice(1)
    return candidates.some((der) => associated(der, record) === record.data.toLowerCase())
  })
}
