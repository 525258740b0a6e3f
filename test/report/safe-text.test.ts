import { describe, expect, it } from 'vitest'
import { MAX_SHOWN_LINE_CHARS, safeJson, safeText } from '../../main/report/safe-text'

describe('safeText', () => {
  it('leaves printable text, accents and emoji alone', () => {
    expect(safeText('250 2.0.0 Ok: queued as 4Xk — café ✉')).toBe('250 2.0.0 Ok: queued as 4Xk — café ✉')
  })

  it('shows ANSI escapes as visible symbols, so a server cannot recolour or retitle the terminal', () => {
    const hostile = '220 \u001b[2J\u001b[31mpwned\u001b]0;title\u0007'
    const shown = safeText(hostile)
    expect(shown).not.toContain('\u001b')
    expect(shown).not.toContain('\u0007')
    expect(shown).toBe('220 ␛[2J␛[31mpwned␛]0;title␇')
  })

  it('shows NUL, DEL, tab, CR and LF', () => {
    expect(safeText('a\u0000b\u007fc\td\re\nf')).toBe('a␀b␡c␉d␍e␊f')
  })

  it('shows C1 controls (CSI U+009B acts like ESC [ in some terminals) as code points', () => {
    expect(safeText('x\u009b31my')).toBe('x\\u{9b}31my')
  })

  it('shows every bidi override, embedding and isolate as a code point', () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      const shown = safeText(`ok ${String.fromCodePoint(code)}txt.exe`)
      expect(shown).toBe(`ok \\u{${code.toString(16)}}txt.exe`)
    }
  })

  it('shows zero-width and tag characters that would hide text', () => {
    expect(safeText('a\u200bb\ufeffc\u{e0041}')).toBe('a\\u{200b}b\\u{feff}c\\u{e0041}')
  })

  it('cuts a very long line and says how much was left out', () => {
    const long = `250 ${'x'.repeat(100_000)}`
    const shown = safeText(long)
    expect(shown.length).toBeLessThan(MAX_SHOWN_LINE_CHARS + 50)
    expect(shown).toMatch(/… \(99004 more characters\)$/)
  })

  it('counts characters, not UTF-16 units, so a cut never splits an emoji', () => {
    expect(safeText('✉😀😀', { maxChars: 2 })).toBe('✉😀… (1 more characters)')
  })
})

describe('safeJson', () => {
  it('escapes bidi and C1 characters but parses back to the same value', () => {
    const value = { text: 'a\u202eb\u009bc\u2028d\u001be' }
    const json = safeJson(value)
    expect(json).not.toMatch(/[\u202e\u009b\u2028\u001b]/)
    expect(JSON.parse(json)).toEqual(value)
  })
})
