// DKIM signing (RFC 6376; Ed25519 by RFC 8463) of whatever message the engine is about to
// send, composed or raw, with mailauth's signer. The signature is computed over one read of
// the source and prepended on the next, so a message streamed from disk is never buffered.
import { createPrivateKey, type KeyObject } from 'node:crypto'
import { Readable } from 'node:stream'
import type { Capabilities, MessageFactory, MessageSource } from '../smtp/types'
import { MessageInputError } from './errors'

export interface DkimSigning {
  /** d=: the signing domain. */
  domain: string
  /** s=: the selector; the public key is a TXT record at `<selector>._domainkey.<domain>`. */
  selector: string
  /** The private key, PEM (RSA or Ed25519). Held in memory only: never logged or exported. */
  privateKey: string
  /** h=: the header fields to sign; mailauth's default set (From, To, Subject, Date, …) when absent. */
  headers?: string[]
}

export type DkimKeyType = 'rsa' | 'ed25519'

/** RFC 8301 section 3.2: signers MUST use RSA keys of at least 1024 bits. */
const MIN_RSA_BITS = 1024
/** RFC 5322 section 3.6.8 field-name: printable ASCII except colon. */
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/
/** RFC 6376 section 3.1: a selector is dot-separated sub-domain labels. */
const SELECTOR = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/
const DOMAIN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/

/** The key's type, or a MessageInputError that names the problem (never the key). */
export function dkimKeyType(privateKey: string): DkimKeyType {
  let key: KeyObject
  try {
    key = createPrivateKey({ key: privateKey, format: 'pem' })
  } catch {
    throw new MessageInputError({ field: 'dkim key', message: 'is not a PEM private key (RSA or Ed25519, unencrypted)' })
  }
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519'
  if (key.asymmetricKeyType === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0
    if (bits < MIN_RSA_BITS) throw new MessageInputError({ field: 'dkim key', message: `is a ${bits}-bit RSA key: DKIM needs at least ${MIN_RSA_BITS} bits (RFC 8301)` })
    return 'rsa'
  }
  throw new MessageInputError({ field: 'dkim key', message: `is a ${key.asymmetricKeyType ?? 'unknown'} key: DKIM signs with RSA or Ed25519 (RFC 8463)` })
}

/** Checks everything but the message: a problem here is found before anything connects. */
export function checkDkimSigning(signing: DkimSigning): DkimKeyType {
  if (!DOMAIN.test(signing.domain)) throw new MessageInputError({ field: 'dkim domain', message: `'${signing.domain}' is not a domain name` })
  if (!SELECTOR.test(signing.selector)) throw new MessageInputError({ field: 'dkim selector', message: `'${signing.selector}' is not a selector (letters, digits, hyphens, dots)` })
  const bad = signing.headers?.find((name) => !FIELD_NAME.test(name))
  if (bad !== undefined) throw new MessageInputError({ field: 'dkim headers', message: `'${bad}' is not a header field name` })
  // RFC 6376 section 5.4: From MUST be signed.
  if (signing.headers && !signing.headers.some((name) => name.toLowerCase() === 'from')) {
    throw new MessageInputError({ field: 'dkim headers', message: 'must include From (RFC 6376 section 5.4)' })
  }
  return dkimKeyType(signing.privateKey)
}

/** The factory's message with a DKIM-Signature header in front. */
export function dkimSignedFactory(factory: MessageFactory, signing: DkimSigning): MessageFactory {
  const keyType = checkDkimSigning(signing)
  return async (caps: Capabilities) => signedSource(await factory(caps), signing, keyType)
}

async function signedSource(source: MessageSource, signing: DkimSigning, keyType: DkimKeyType): Promise<MessageSource> {
  const header = Buffer.from(await signatureHeader(source, signing, keyType), 'utf8')
  if (source.bytes) {
    const bytes = Buffer.concat([header, source.bytes])
    return { ...source, bytes, size: bytes.length, open: () => prepend(bytes, []) }
  }
  return {
    ...source,
    open: () => prepend(header, source.open()),
    ...(source.size !== undefined ? { size: source.size + header.length } : {}),
  }
}

/** The DKIM-Signature field, folded, ending in CRLF. */
export async function signatureHeader(source: MessageSource, signing: DkimSigning, keyType: DkimKeyType): Promise<string> {
  const signature = {
    signingDomain: signing.domain,
    selector: signing.selector,
    privateKey: signing.privateKey,
    algorithm: keyType === 'ed25519' ? 'ed25519-sha256' : 'rsa-sha256',
    canonicalization: 'relaxed/relaxed',
  }
  // The signer reads only signatureData and headerList, a colon-separated string (its .d.ts says otherwise).
  const options = { signatureData: [signature], ...(signing.headers ? { headerList: signing.headers.join(':') } : {}) }
  const { dkimSign } = await loadSigner()
  const { signatures, errors } = await dkimSign(readAll(source), options as unknown as Parameters<typeof dkimSign>[1])
  const failure = errors?.[0] as { err?: Error } | undefined
  if (failure || !/^DKIM-Signature:/i.test(signatures)) {
    // mailauth's error names the algorithm and domain, never the key.
    throw new MessageInputError({ field: 'dkim', message: `could not sign: ${failure?.err?.message ?? 'no signature was made'}` })
  }
  return signatures
}

/**
 * mailauth's signer and what it loads (joi, tldts, iconv tables) take about 200 ms of CPU to
 * load: more than a whole unsigned send. Loaded at the first signature, so a send without
 * --dkim (and the app until it signs) never pays for it.
 */
function loadSigner(): Promise<typeof import('mailauth/lib/dkim/sign.js')> {
  return import('mailauth/lib/dkim/sign.js')
}

async function* prepend(head: Uint8Array, rest: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncIterable<Uint8Array> {
  yield head
  yield* rest
}

/** The whole source for the signer. Chunks are copied: a source may reuse one buffer per read. */
function readAll(source: MessageSource): Readable | Buffer {
  if (source.bytes) return Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength)
  return Readable.from(copies(source.open()), { objectMode: false })
}

async function* copies(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Buffer> {
  for await (const chunk of chunks) yield Buffer.from(chunk)
}
