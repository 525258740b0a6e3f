// Custom header fields the user adds (X-Campaign, List-Unsubscribe, In-Reply-To, ...).
import type { HeaderInput } from './types'
import { controlCharacterProblem, describeChar } from './characters'
import { unfoldableWordProblem } from './header-text'

/**
 * Headers Mailwire writes itself. A custom header may not replace or duplicate them: two
 * From or Date fields make a message invalid (RFC 5322 §3.6), and a custom Content-* field
 * would contradict the MIME structure the composer builds. Bcc is never written at all.
 * Raw mode is the way to write these fields by hand.
 */
const GENERATED_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'subject',
  'date',
  'message-id',
  'mime-version',
])

/** RFC 5322 §3.6.8 ftext: printable ASCII 33..126 except ':'. */
const FTEXT = /^[\x21-\x39\x3b-\x7e]$/

/** `header X-Foo`, with control characters shown escaped so the field name stays one line. */
export function headerField(name: string): string {
  const visible = name.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
  return `header ${visible}`
}

export function headerNameProblem(name: string): string | undefined {
  if (name === '') return 'has an empty name'
  for (const char of name) {
    if (!FTEXT.test(char)) {
      return `has ${describeChar(char)} in its name (a field name is printable ASCII without ':', RFC 5322 §3.6.8)`
    }
  }
  const lower = name.toLowerCase()
  if (GENERATED_HEADERS.has(lower) || lower.startsWith('content-')) {
    return 'is written by Mailwire itself; use raw mode to write it by hand'
  }
  return undefined
}

export function headerValueProblem(header: HeaderInput): string | undefined {
  const control = controlCharacterProblem(header.value)
  if (control) return control
  if (header.value.trim() === '') return 'has an empty value'
  return unfoldableWordProblem(header.value, header.name.length + 2)
}

export function customHeaderProblem(header: HeaderInput): string | undefined {
  return headerNameProblem(header.name) ?? headerValueProblem(header)
}
