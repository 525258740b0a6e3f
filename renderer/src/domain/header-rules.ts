// Checks for custom header rows and for raw mode, as instant feedback. The main process
// refuses the same things before sending.

/** RFC 5322 section 2.2: a field name is printable US-ASCII except the colon. */
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/
/** RFC 5322 section 2.1.1: lines of at most 998 characters. */
export const MAX_HEADER_LINE = 998

export function headerNameError(name: string): string | undefined {
  if (name === '') return 'a header needs a name'
  if (!FIELD_NAME.test(name)) return 'use letters, digits and dashes (no spaces or colon)'
  if (name.length > MAX_HEADER_LINE - 2) return 'the name is too long'
  return undefined
}

export function headerValueError(value: string): string | undefined {
  if (/[\r\n\0]/.test(value)) return 'the value contains a line break or NUL'
  return undefined
}

/** Headers a raw message should carry (RFC 5322 section 3.6: the only required ones). */
const REQUIRED_RAW_HEADERS = ['From', 'Date'] as const

/** Which of From and Date the header block of a raw message lacks. */
export function missingRawHeaders(raw: string): string[] {
  const present = new Set<string>()
  for (const line of raw.split(/\r?\n/)) {
    if (line === '') break
    const colon = line.indexOf(':')
    if (colon > 0 && !/^\s/.test(line)) present.add(line.slice(0, colon).trim().toLowerCase())
  }
  return REQUIRED_RAW_HEADERS.filter((name) => !present.has(name.toLowerCase()))
}
