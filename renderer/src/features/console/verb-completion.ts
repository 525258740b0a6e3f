// Tab completion of the SMTP verbs a console user types (RFC 5321 section 4.1, RFC 3207
// STARTTLS, RFC 4954 AUTH, RFC 3030 BDAT). A verb completes to how it is usually written:
// EHLO with our client name, MAIL FROM:< and RCPT TO:< ready for the address.

export const KNOWN_VERBS = ['EHLO', 'HELO', 'MAIL', 'RCPT', 'DATA', 'RSET', 'NOOP', 'VRFY', 'EXPN', 'HELP', 'QUIT', 'STARTTLS', 'AUTH', 'BDAT'] as const

export interface Completion {
  /** The new text of the input. */
  text: string
  /** Every verb that matched, for a hint when there were several. */
  candidates: string[]
}

function template(verb: string, clientName: string): string {
  switch (verb) {
    case 'EHLO':
    case 'HELO':
      return clientName ? `${verb} ${clientName}` : `${verb} `
    case 'MAIL':
      return 'MAIL FROM:<'
    case 'RCPT':
      return 'RCPT TO:<'
    case 'VRFY':
    case 'EXPN':
    case 'HELP':
    case 'AUTH':
    case 'BDAT':
      return `${verb} `
    default:
      return verb
  }
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? ''
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1)
  return prefix
}

/**
 * Complete the verb being typed; undefined when there is nothing to complete (the line has
 * a space already, is empty, or starts no known verb), so Tab can move focus as usual.
 */
export function completeVerb(input: string, clientName: string): Completion | undefined {
  if (input === '' || /\s/.test(input)) return undefined
  const typed = input.toUpperCase()
  const candidates = KNOWN_VERBS.filter((verb) => verb.startsWith(typed))
  if (candidates.length === 0) return undefined
  if (candidates.length === 1) return { text: template(candidates[0]!, clientName), candidates }
  const prefix = commonPrefix(candidates)
  return { text: prefix.length > typed.length ? prefix : input, candidates }
}
