// Instant feedback on addresses as the user types or pastes. The main process validates
// again, authoritatively, before anything is sent; this only has to be right about the
// common mistakes and never let a line break or NUL through.

/** RFC 5321 section 4.5.3.1.1 and 4.5.3.1.3: limits on local part and whole path. */
const MAX_LOCAL_PART = 64
const MAX_ADDRESS = 254

export interface ParsedRecipient {
  /** What the user typed for this entry, trimmed. */
  input: string
  /** The bare address (without display name or angle brackets). */
  address: string
  /** The display name of a `Name <addr>` form. */
  name?: string
  /** Why the entry is invalid, in a short sentence; absent when it looks valid. */
  error?: string
}

const SEPARATORS = new Set([',', ';', '\n', '\r'])

/**
 * Splits a typed or pasted list on commas, semicolons and line breaks, except inside a
 * quoted display name or angle brackets (`"Doe, Jane" <jane@example.com>`).
 */
export function splitRecipientList(text: string): string[] {
  const parts: string[] = []
  let current = ''
  let quoted = false
  let angle = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (char === '\\' && quoted && i + 1 < text.length) {
      current += char + text[++i]
      continue
    }
    if (char === '"') quoted = !quoted
    else if (char === '<' && !quoted) angle = true
    else if (char === '>' && !quoted) angle = false
    // Line breaks always separate, even in an unbalanced quote: they can never be part
    // of an address, and keeping them would hide them inside one chip.
    if ((SEPARATORS.has(char) && !quoted && !angle) || char === '\n' || char === '\r') {
      if (current.trim()) parts.push(current.trim())
      current = ''
      quoted = false
      angle = false
      continue
    }
    current += char
  }
  if (current.trim()) parts.push(current.trim())
  return parts
}

export function parseRecipientList(text: string): ParsedRecipient[] {
  return splitRecipientList(text).map(parseRecipient)
}

const NAME_ADDR = /^(.*?)\s*<([^<>]*)>$/s

export function parseRecipient(input: string): ParsedRecipient {
  const trimmed = input.trim()
  const match = NAME_ADDR.exec(trimmed)
  if (match) {
    const name = unquoteName(match[1]!.trim())
    const address = match[2]!.trim()
    const error = nameError(name) ?? addressError(address)
    return { input: trimmed, address, ...(name ? { name } : {}), ...(error ? { error } : {}) }
  }
  const error = bracketError(trimmed) ?? addressError(trimmed)
  return { input: trimmed, address: trimmed, ...(error ? { error } : {}) }
}

/** `Bob <bob@example` is a name and an address with its closing > missing: say that, not "a space". */
function bracketError(input: string): string | undefined {
  const open = input.indexOf('<')
  if (open !== -1 && input.indexOf('>', open) === -1) return 'the address after < has no closing >'
  if (open === -1 && input.includes('>')) return 'the address has a > without its opening <'
  return undefined
}

function unquoteName(name: string): string {
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) {
    return name.slice(1, -1).replace(/\\(.)/g, '$1')
  }
  return name
}

// NUL, CR and LF anywhere would let a value break out of its header or command line.
const LINE_BREAKING = /[\0\r\n]/

function nameError(name: string): string | undefined {
  if (LINE_BREAKING.test(name)) return 'the name contains a line break or NUL'
  return undefined
}

// Characters that never belong in an unquoted address (RFC 5322 section 3.2.3 specials
// plus whitespace and control characters).
const FORBIDDEN_IN_ADDRESS = /[\s<>()[\]\\,;:"\u0000-\u001f\u007f]/u
// Letters and digits in any script, hyphens; the main process converts IDNs to ASCII.
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]*[\p{L}\p{N}\p{M}])?$/u
const ADDRESS_LITERAL = /^\[[^[\]\s]+\]$/

/** Why `address` is not a usable mailbox, or undefined when it looks fine. */
export function addressError(address: string): string | undefined {
  if (address === '') return 'the address is empty'
  if (LINE_BREAKING.test(address)) return 'the address contains a line break or NUL'
  const at = address.lastIndexOf('@')
  if (at === -1) return 'the address has no @'
  if (address.indexOf('@') !== at) return 'the address has more than one @'
  const local = address.slice(0, at)
  const domain = address.slice(at + 1)
  if (local === '') return 'nothing before the @'
  if (domain === '') return 'no domain after the @'
  if (/\s/.test(address)) return 'the address contains a space'
  if (FORBIDDEN_IN_ADDRESS.test(local)) return 'the part before the @ contains a character that needs quoting'
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return 'the part before the @ has a misplaced dot'
  }
  if (local.length > MAX_LOCAL_PART) return `the part before the @ is longer than ${MAX_LOCAL_PART} characters`
  if (address.length > MAX_ADDRESS) return `the address is longer than ${MAX_ADDRESS} characters`
  if (ADDRESS_LITERAL.test(domain)) return undefined
  if (/[[\]]/.test(domain)) return 'the domain contains a bracket'
  const labels = domain.split('.')
  if (labels.some((label) => label === '')) return 'the domain has a misplaced dot'
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return 'the domain contains a character not allowed in a host name'
  return undefined
}

/** The form sent to the main process: `Name <addr>` when there is a name. */
export function formatRecipient(recipient: Pick<ParsedRecipient, 'address' | 'name'>): string {
  if (!recipient.name) return recipient.address
  const needsQuotes = /[^\p{L}\p{N}\s!#$%&'*+\-/=?^_`{|}~]/u.test(recipient.name)
  const name = needsQuotes ? `"${recipient.name.replace(/(["\\])/g, '\\$1')}"` : recipient.name
  return `${name} <${recipient.address}>`
}
