// File names suggested for what arrived over SMTP: the sender chose them.
import { describe, expect, it } from 'vitest'
import { safeFileName } from '../../main/services/local-inbox/save-names'

describe('safeFileName', () => {
  it('keeps no folder, control or reserved name', () => {
    expect(safeFileName('../../etc/passwd', 'x')).toBe('_.._etc_passwd')
    expect(safeFileName('a\r\nb.txt', 'x')).toBe('a_b.txt')
    expect(safeFileName('NUL.txt', 'fallback.bin')).toBe('fallback.bin')
  })

  it('drops invisible format characters, so a name cannot show another extension than it has', () => {
    // U+202E RIGHT-TO-LEFT OVERRIDE shows "invoice\u202Efdp.exe" as "invoiceexe.pdf".
    expect(safeFileName('invoice\u202Efdp.exe', 'x')).toBe('invoicefdp.exe')
    expect(safeFileName('a\u200B\u2066b\u2069.txt', 'x')).toBe('ab.txt')
  })
})
