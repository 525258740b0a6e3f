// Checks on text that becomes (part of) a header line.
import { isAscii } from './characters'
import { MAX_LINE_OCTETS } from './limits'

/**
 * Header folding (RFC 5322 §2.2.3) can only break a line at whitespace. Non-ASCII text is
 * carried in encoded words the MIME library splits to any length, but an ASCII word
 * longer than a line cannot be folded at all, so the line would exceed 998 octets
 * (§2.1.1). `prefixLength` is what precedes the word on its line (e.g. "Subject: ").
 */
export function unfoldableWordProblem(value: string, prefixLength: number): string | undefined {
  if (!isAscii(value)) return undefined
  const room = MAX_LINE_OCTETS - prefixLength
  const longest = value.split(/[ \t]+/).reduce((max, word) => Math.max(max, word.length), 0)
  if (longest <= room) return undefined
  return `has a word of ${longest} characters without a space; a header line is at most ${MAX_LINE_OCTETS} octets (RFC 5322 §2.1.1)`
}
