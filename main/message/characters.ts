// Names characters the way a person reads them in an error message.

const NAMED: Record<number, string> = {
  0x00: 'a NUL character (U+0000)',
  0x09: 'a tab',
  0x0a: 'a line feed (LF)',
  0x0d: 'a carriage return (CR)',
  0x20: 'a space',
  0x7f: 'a delete character (U+007F)',
}

/** "a line feed (LF)", "'<'", "a control character (U+0007)". */
export function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0
  const named = NAMED[code]
  if (named) return named
  if (code < 0x20 || (code >= 0x80 && code < 0xa0)) return `a control character (${codePoint(code)})`
  if (INVISIBLE.test(char)) return `an invisible character (${codePoint(code)})`
  return `'${char}'`
}

/** Format characters (zero-width joiners, bidi controls) and non-ASCII spaces. */
const INVISIBLE = /^[\p{Cf}\p{Z}]/u

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * The first character that may not appear in a one-line field: CR, LF, NUL and the other
 * C0 controls and DEL. A tab is allowed (it is whitespace in headers, RFC 5322 §2.2).
 */
export function findLineBreakOrControl(value: string): string | undefined {
  const match = /[\x00-\x08\x0a-\x1f\x7f]/.exec(value)
  return match?.[0]
}

/** "contains a line feed (LF)" for the first forbidden character of a one-line field. */
export function controlCharacterProblem(value: string): string | undefined {
  const bad = findLineBreakOrControl(value)
  return bad === undefined ? undefined : `contains ${describeChar(bad)}`
}

export function isAscii(value: string): boolean {
  return /^[\x00-\x7f]*$/.test(value)
}

export function utf8Length(value: string): number {
  return Buffer.byteLength(value, 'utf8')
}
