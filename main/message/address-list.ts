// Several addresses pasted at once, as people copy them out of other mail programs:
// separated by commas, semicolons or line breaks, in `Name <a@b>` or bare form.
import { formatAddress, parseMailbox, type Mailbox } from './address'

export interface ParsedAddress {
  /** The entry as it was typed (trimmed). */
  input: string
  /** The bare address as the user sees it (domain as typed); '' when `error` is set. */
  address: string
  name?: string
  /** Why the entry cannot be used, e.g. `contains a space`. */
  error?: string
}

/** Splits a pasted list into entries and parses each one. Empty entries are dropped. */
export function parseAddressList(text: string): ParsedAddress[] {
  return splitAddressList(text).map((input) => toParsedAddress(input, parseMailbox(input)))
}

/**
 * Separators are ',' and ';' outside quoted strings and angle brackets, and every line
 * break (a line break is never part of an address, so it always ends an entry).
 */
export function splitAddressList(text: string): string[] {
  const entries: string[] = []
  let current = ''
  let quoted = false
  let angled = false
  const flush = (): void => {
    if (current.trim() !== '') entries.push(current.trim())
    current = ''
    quoted = false
    angled = false
  }
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? ''
    if (char === '\r' || char === '\n') {
      flush()
      continue
    }
    if (quoted && char === '\\' && i + 1 < text.length && !/[\r\n]/.test(text[i + 1] ?? '')) {
      current += char + text[++i]
      continue
    }
    if (char === '"') quoted = !quoted
    else if (!quoted && char === '<') angled = true
    else if (!quoted && char === '>') angled = false
    else if (!quoted && !angled && (char === ',' || char === ';')) {
      flush()
      continue
    }
    current += char
  }
  flush()
  return entries
}

function toParsedAddress(input: string, result: { mailbox?: Mailbox; error?: string }): ParsedAddress {
  if (!result.mailbox) return { input, address: '', error: result.error ?? 'is invalid' }
  const parsed: ParsedAddress = { input, address: formatAddress(result.mailbox, 'display') }
  if (result.mailbox.name !== undefined) parsed.name = result.mailbox.name
  return parsed
}
