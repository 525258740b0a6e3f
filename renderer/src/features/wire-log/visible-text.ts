// Server text is untrusted. It is always rendered as React text (never as HTML), and
// characters that would be invisible or would reorder what is shown are replaced by a
// visible stand-in, so what you read is what was on the wire.

/** Lines longer than this are cut until the user expands them. */
export const LINE_CUT_LENGTH = 1000

export type TextSegment =
  | { kind: 'text'; start: number; text: string }
  | { kind: 'control'; start: number; text: string; glyph: string; label: string; family: 'c0' | 'c1' | 'bidi' | 'invisible' }

// Bidirectional formatting characters (Unicode Bidirectional Algorithm, UAX #9): they can
// make a line display in a different order than its bytes ("Trojan Source").
const BIDI: Record<number, string> = {
  0x061c: 'ALM',
  0x200e: 'LRM',
  0x200f: 'RLM',
  0x202a: 'LRE',
  0x202b: 'RLE',
  0x202c: 'PDF',
  0x202d: 'LRO',
  0x202e: 'RLO',
  0x2066: 'LRI',
  0x2067: 'RLI',
  0x2068: 'FSI',
  0x2069: 'PDI',
}

// Characters with no width that could hide inside a line.
const INVISIBLE: Record<number, string> = {
  0x00ad: 'SHY',
  0x200b: 'ZWSP',
  0x200c: 'ZWNJ',
  0x200d: 'ZWJ',
  0x2028: 'LSEP',
  0x2029: 'PSEP',
  0x2060: 'WJ',
  0xfeff: 'BOM',
}

const C0_NAMES = [
  'NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'HT', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI',
  'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US',
]

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`

// One pass over the text with a regex for the characters above; plain runs stay strings.
const SPECIAL = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/g

function controlSegment(char: string, start: number): TextSegment {
  const code = char.charCodeAt(0)
  if (code < 0x20) {
    // Names rather than Control Pictures (␛): common Linux fonts lack that block.
    return { kind: 'control', start, text: char, glyph: C0_NAMES[code]!, label: `${C0_NAMES[code]} (${hex(code)})`, family: 'c0' }
  }
  if (code === 0x7f) return { kind: 'control', start, text: char, glyph: 'DEL', label: `DEL (${hex(code)})`, family: 'c0' }
  if (code <= 0x9f) {
    return { kind: 'control', start, text: char, glyph: `\\x${code.toString(16).toUpperCase()}`, label: `C1 control ${hex(code)}`, family: 'c1' }
  }
  if (BIDI[code]) {
    return { kind: 'control', start, text: char, glyph: BIDI[code], label: `bidirectional control ${BIDI[code]} (${hex(code)})`, family: 'bidi' }
  }
  const name = INVISIBLE[code] ?? hex(code)
  return { kind: 'control', start, text: char, glyph: name, label: `invisible character ${name} (${hex(code)})`, family: 'invisible' }
}

/** Splits `text` into plain runs and visible stand-ins for control characters. */
export function visibleSegments(text: string): TextSegment[] {
  const segments: TextSegment[] = []
  let last = 0
  SPECIAL.lastIndex = 0
  for (let match = SPECIAL.exec(text); match; match = SPECIAL.exec(text)) {
    if (match.index > last) segments.push({ kind: 'text', start: last, text: text.slice(last, match.index) })
    segments.push(controlSegment(match[0], match.index))
    last = match.index + 1
  }
  if (last < text.length) segments.push({ kind: 'text', start: last, text: text.slice(last) })
  return segments
}

/** Ranges [start, end) of case-insensitive occurrences of `query` in `text`. */
export function matchRanges(text: string, query: string): Array<[number, number]> {
  if (!query) return []
  const haystack = text.toLowerCase()
  const needle = query.toLowerCase()
  const ranges: Array<[number, number]> = []
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    ranges.push([at, at + needle.length])
  }
  return ranges
}
