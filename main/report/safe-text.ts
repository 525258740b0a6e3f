// Server text is untrusted. A hostile server could send ANSI escapes (recolour, move the
// cursor, retitle or even write to the clipboard of the user's terminal) or bidi overrides
// that reorder what the user reads. Everything that is not plain printable text is shown
// as a visible token instead, so the transcript shows exactly what came over the wire.

/** C0 controls become their Unicode Control Pictures glyph: U+2400 + code (␛ for ESC, ␀ for NUL). */
const CONTROL_PICTURES = 0x2400
const DEL = 0x7f
const DEL_PICTURE = '\u2421'

/**
 * Longest line shown in full. RFC 5321 section 4.5.3.1.5 limits a reply line to 512 octets
 * and RFC 5322 section 2.1.1 a message line to 998; beyond this a peer is broken or hostile,
 * and a screenful of one line hides the rest of the session.
 */
export const MAX_SHOWN_LINE_CHARS = 1000

/**
 * Invisible or terminal-driving code points: C0 and C1 controls and DEL, bidi embeddings,
 * overrides and isolates (U+202A-202E, U+2066-2069), bidi marks, zero-width and other
 * format characters, line/paragraph separators, the BOM, and Unicode tag characters.
 */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu

function visible(char: string): string {
  const code = char.codePointAt(0) ?? 0
  if (code < 0x20) return String.fromCodePoint(CONTROL_PICTURES + code)
  if (code === DEL) return DEL_PICTURE
  return `\\u{${code.toString(16)}}`
}

export interface SafeTextOptions {
  /** Characters kept before the line is cut (default MAX_SHOWN_LINE_CHARS). */
  maxChars?: number
}

/** The text with every unsafe character made visible, cut to a bound with a note of what was left out. */
export function safeText(text: string, options: SafeTextOptions = {}): string {
  const max = options.maxChars ?? MAX_SHOWN_LINE_CHARS
  const chars = Array.from(text)
  const kept = chars.length > max ? chars.slice(0, max).join('') : text
  const cut = chars.length > max ? `… (${chars.length - max} more characters)` : ''
  return kept.replace(UNSAFE, visible) + cut
}

// Characters JSON.stringify leaves raw that a terminal would still act on when the JSON
// is printed (C1 controls, bidi, separators). Escaped, the JSON parses to the same value.
const JSON_UNSAFE = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g

/** JSON.stringify, with the characters a terminal would act on written as \u escapes. */
export function safeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(
    JSON_UNSAFE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
