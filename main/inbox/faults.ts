// Fault presets: what each one answers, and the checks on the values a user sets.
// The replies are written so that a client sees exactly the code, enhanced code and
// text below. smtp-server adds the enhanced code (RFC 3463) itself on RCPT replies
// (550 → 5.1.1, 451 → 4.3.0) but never on the greeting, so that one carries it in its text.
import { MAX_RECIPIENT_PATTERN_CHARS, MAX_REPLY_DELAY_MS } from './limits'
import type { FaultName, InboxFaults } from './types'

/** The error shape smtp-server turns into a reply: `responseCode` then the message. */
export interface FaultReply extends Error {
  responseCode: number
}

function reply(responseCode: number, text: string): FaultReply {
  return Object.assign(new Error(text), { responseCode })
}

/** Wire: `421 4.3.2 Service currently unavailable (local inbox fault: 421 at greeting)`, then close. */
export const greeting421Reply = (): FaultReply =>
  reply(421, '4.3.2 Service currently unavailable (local inbox fault: 421 at greeting)')

/** Wire: `550 5.1.1 <address>: Recipient address rejected (local inbox fault: refuse recipient)`. */
export const refusedRecipientReply = (address: string): FaultReply =>
  reply(550, `<${address}>: Recipient address rejected (local inbox fault: refuse recipient)`)

/** Wire: `451 4.3.0 Temporary local problem, try again later (local inbox fault: 451 on RCPT)`. */
export const rcpt451Reply = (): FaultReply =>
  reply(451, 'Temporary local problem, try again later (local inbox fault: 451 on RCPT)')

export const FAULT_NAMES: readonly FaultName[] = [
  'refuseRecipient',
  'greeting421',
  'rcpt451',
  'slowReplies',
  'disconnectMidData',
]

export class FaultsError extends TypeError {
  constructor(
    readonly field: FaultName | 'faults',
    message: string,
  ) {
    super(message)
    this.name = 'FaultsError'
  }
}

function wholeNumber(field: FaultName, value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new FaultsError(field, `${field} must be a whole number from 0 to ${max}`)
  }
  return value
}

function flag(field: FaultName, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new FaultsError(field, `${field} must be true or false`)
  return value
}

function recipientPattern(value: unknown): string {
  if (typeof value !== 'string') throw new FaultsError('refuseRecipient', 'refuseRecipient must be text')
  const pattern = value.trim()
  if (pattern.length > MAX_RECIPIENT_PATTERN_CHARS) {
    throw new FaultsError('refuseRecipient', `refuseRecipient is longer than ${MAX_RECIPIENT_PATTERN_CHARS} characters`)
  }
  if (/[\s\x00-\x1f\x7f<>]/.test(pattern)) {
    throw new FaultsError('refuseRecipient', 'refuseRecipient may not contain spaces, control characters or <>')
  }
  return pattern
}

/**
 * Checks fault presets from an untrusted caller (IPC, command line) and returns them
 * with the switched-off ones left out. Throws FaultsError naming the bad field.
 */
export function normalizeFaults(input: unknown): InboxFaults {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FaultsError('faults', 'Faults must be an object')
  }
  const faults: InboxFaults = {}
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue
    switch (key as FaultName) {
      case 'refuseRecipient': {
        const pattern = recipientPattern(value)
        if (pattern) faults.refuseRecipient = pattern
        break
      }
      case 'greeting421':
        if (flag(key as FaultName, value)) faults.greeting421 = true
        break
      case 'rcpt451':
        if (flag(key as FaultName, value)) faults.rcpt451 = true
        break
      case 'slowReplies': {
        const delay = wholeNumber('slowReplies', value, MAX_REPLY_DELAY_MS)
        if (delay > 0) faults.slowReplies = delay
        break
      }
      case 'disconnectMidData':
        faults.disconnectMidData = wholeNumber('disconnectMidData', value, Number.MAX_SAFE_INTEGER)
        break
      default:
        throw new FaultsError('faults', `Unknown fault "${key}"; known: ${FAULT_NAMES.join(', ')}`)
    }
  }
  return faults
}

/** `*` matches any run of characters (none included); everything else matches itself. */
function wildcardMatch(pattern: string, text: string): boolean {
  // Linear scan with one backtrack point per star: no regular expression is built from
  // user text, so no pattern can make matching slow.
  let p = 0
  let t = 0
  let starAt = -1
  let starText = 0
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === '*') {
      starAt = p++
      starText = t
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++
      t++
    } else if (starAt >= 0) {
      p = starAt + 1
      t = ++starText
    } else return false
  }
  while (p < pattern.length && pattern[p] === '*') p++
  return p === pattern.length
}

/** Whether the refuse-recipient pattern covers an address (case-insensitive). */
export function recipientMatches(pattern: string, address: string): boolean {
  const wanted = pattern.toLowerCase()
  const subject = address.toLowerCase()
  if (wanted.includes('@')) return wildcardMatch(wanted, subject)
  const at = subject.lastIndexOf('@')
  return wildcardMatch(wanted, at >= 0 ? subject.slice(0, at) : subject)
}

/** The fault that answers a RCPT TO, if any: a refused recipient wins over 451. */
export function recipientFault(
  faults: InboxFaults,
  address: string,
): { name: FaultName; reply: FaultReply } | undefined {
  if (faults.refuseRecipient && recipientMatches(faults.refuseRecipient, address)) {
    return { name: 'refuseRecipient', reply: refusedRecipientReply(address) }
  }
  if (faults.rcpt451) return { name: 'rcpt451', reply: rcpt451Reply() }
  return undefined
}
