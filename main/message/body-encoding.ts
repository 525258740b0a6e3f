// Which Content-Transfer-Encoding a text body gets (RFC 2045 §2.7-2.8 and §6, RFC 6152).
import { isAscii } from './characters'
import { MAX_LINE_OCTETS } from './limits'
import type { TextFileInspection } from './text-file'

export type BodyEncoding = '7bit' | '8bit' | 'quoted-printable'

/**
 * - Any line over 998 octets: quoted-printable, whose soft line breaks keep lines short.
 * - Otherwise ASCII: 7bit, sent as typed.
 * - Otherwise (non-ASCII): 8bit when the server offers 8BITMIME, else quoted-printable
 *   (never base64, so the text stays readable in the wire log).
 * NUL never reaches here: validation refuses it in bodies.
 */
export function chooseBodyEncoding(crlfText: string, eightBitMime: boolean): BodyEncoding {
  const longLine = crlfText.split('\r\n').some((line) => Buffer.byteLength(line, 'utf8') > MAX_LINE_OCTETS)
  if (longLine) return 'quoted-printable'
  if (isAscii(crlfText)) return '7bit'
  return eightBitMime ? '8bit' : 'quoted-printable'
}

/** The same choice for a text file, from what its inspection pass found. */
export function chooseFileEncoding(file: Pick<TextFileInspection, 'ascii' | 'longLine'>, eightBitMime: boolean): BodyEncoding {
  if (file.longLine) return 'quoted-printable'
  if (file.ascii) return '7bit'
  return eightBitMime ? '8bit' : 'quoted-printable'
}

/** Every line break as CRLF (RFC 5322 §2.1): lone CR, lone LF and CRLF alike. */
export function toCrlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n')
}
