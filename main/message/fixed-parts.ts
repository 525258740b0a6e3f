// What is fixed once per composed message, before anything connects: the Date, the
// Message-ID and the MIME boundaries. Apart from compose.ts, so the message layer can fix
// them without loading the MIME library (compose.ts is loaded when a message is composed).
import { createHash, randomBytes } from 'node:crypto'

/** Parts fixed once per message, so every open() of a streamed message yields the same bytes. */
export interface FixedParts {
  date: Date
  /** Without angle brackets: `id@domain`. */
  messageId: string
  boundary: string
}

export function newFixedParts(fromDomainAscii: string, date = new Date(), messageId?: string): FixedParts {
  const id = messageId ?? `${date.getTime().toString(36)}.${randomBytes(12).toString('hex')}@${fromDomainAscii}`
  // Derived from the Message-ID, so one message always gets the same boundaries: the .eml
  // saved with the sent message's date and id is the sent message, byte for byte.
  const boundary = createHash('sha256').update(id).digest('hex').slice(0, 24)
  return { date, messageId: id, boundary }
}
