// The SMTP envelope: who the server is told the message is from and for (RFC 5321 §3.3).
import type { Envelope } from '../smtp/types'
import type { ComposeModel } from './types'
import { formatAddress, mailboxKey } from './address'
import { MessageInputError } from './errors'
import { readModelAddresses } from './model-addresses'

/**
 * MAIL FROM is the From address; RCPT TO is To ∪ Cc ∪ Bcc, each mailbox once (domains
 * compared case-insensitively, local parts as typed: RFC 5321 §2.4). Addresses are bare and
 * their domains in A-label form, which every server accepts with or without SMTPUTF8; only
 * a non-ASCII local part needs SMTPUTF8, and the engine sees that in the address itself.
 * The envelope is the only place Bcc recipients appear.
 */
export function buildEnvelope(model: ComposeModel): Envelope {
  const { addresses, errors } = readModelAddresses(model)
  if (!addresses) throw new MessageInputError(errors)
  const seen = new Set<string>()
  const to: string[] = []
  for (const { mailbox } of [...addresses.to, ...addresses.cc, ...addresses.bcc]) {
    const key = mailboxKey(mailbox)
    if (seen.has(key)) continue
    seen.add(key)
    to.push(formatAddress(mailbox, 'ascii'))
  }
  return { from: formatAddress(addresses.from.mailbox, 'ascii'), to }
}
