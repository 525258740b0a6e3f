// DKIM key pairs made in the test, and the TXT record that publishes each public key
// (RFC 6376 section 3.6.1; for Ed25519 the raw 32-byte key, RFC 8463 section 4.2).
import { generateKeyPairSync } from 'node:crypto'

export interface DkimKeyPair {
  /** PKCS#8 PEM, as --dkim-key reads it. */
  privateKey: string
  /** The TXT record's text at `<selector>._domainkey.<domain>`. */
  record: string
}

/** DER SubjectPublicKeyInfo of an Ed25519 key: a 12-byte prefix, then the raw 32-byte key. */
const ED25519_SPKI_PREFIX_BYTES = 12

export function rsaKeyPair(bits = 2048): DkimKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits })
  const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64')
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), record: `v=DKIM1; k=rsa; p=${p}` }
}

export function ed25519KeyPair(): DkimKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const p = publicKey.export({ type: 'spki', format: 'der' }).subarray(ED25519_SPKI_PREFIX_BYTES).toString('base64')
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), record: `v=DKIM1; k=ed25519; p=${p}` }
}

/** TXT records by name (lower case), the way dns.promises.resolve answers; ENOTFOUND for anything else. */
export type TxtTable = Record<string, string[]>

/** A resolver function for mailauth that answers from a table and never touches the network. */
export function tableResolver(txt: TxtTable): (name: string, type: string) => Promise<string[][]> {
  return async (name, type) => {
    const records = type === 'TXT' ? txt[name.toLowerCase()] : undefined
    if (!records) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' })
    return records.map((text) => [text])
  }
}
