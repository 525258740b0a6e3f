// Raw mode: the user writes the whole message, headers and body, as in a telnet session.
// It goes out as typed; only line endings are made CRLF. Dot-stuffing is the engine's job.
import { MAX_LINE_OCTETS } from './limits'

/** Lone LF, lone CR and CRLF all become CRLF (RFC 5321 §2.3.8). Nothing else changes. */
export function normaliseRawMessage(raw: string): Buffer {
  return Buffer.from(raw.replace(/\r\n|\r|\n/g, '\r\n'), 'utf8')
}

export interface RawInspection {
  /** Things the user may want to fix, in plain words. The message is sent regardless. */
  warnings: string[]
  /** Some octet is over 127: BODY=8BITMIME (RFC 6152) is needed. */
  eightBit: boolean
  /** The header section has UTF-8 in it: only an SMTPUTF8 session may carry it (RFC 6532). */
  utf8Headers: boolean
}

/** RFC 5322 §2.2: a field name, a colon, then the body. */
const HEADER_LINE = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:/

export function inspectRawMessage(raw: string): RawInspection {
  const lines = raw.split(/\r\n|\r|\n/)
  const header = inspectHeaderSection(lines)
  const warnings = [...header.warnings]
  const long = lines.findIndex((line) => Buffer.byteLength(line, 'utf8') > MAX_LINE_OCTETS)
  if (long >= 0) warnings.push(longLineWarning(long + 1))
  const eightBit = /[^\x00-\x7f]/.test(raw)
  const utf8Headers = /[^\x00-\x7f]/.test(lines.slice(0, header.end).join('\n'))
  if (eightBit) warnings.push(eightBitWarning(utf8Headers))
  return { warnings, eightBit, utf8Headers }
}

export interface HeaderSectionInspection {
  /** About the header fields only (not-a-header line, From, Date, Bcc), in that order. */
  warnings: string[]
  /** Index of the first line after the header section; lines.length when it never ended. */
  end: number
  /** A blank line or a line that is not a header field ended the section within `lines`. */
  ended: boolean
}

/** The header section of a message given as lines (RFC 5322 §2.1): where it ends, what it lacks. */
export function inspectHeaderSection(lines: readonly string[]): HeaderSectionInspection {
  const warnings: string[] = []
  const names = new Set<string>()
  let end = lines.length
  let ended = false
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (line === '') {
      end = i
      ended = true
      break
    }
    const name = HEADER_LINE.exec(line)?.[1]
    if (name !== undefined) names.add(name.toLowerCase())
    else if (!/^[ \t]/.test(line) || i === 0) {
      warnings.push(`line ${i + 1} is not a header field, and no blank line comes before it: the headers end at the first blank line (RFC 5322 §2.1)`)
      end = i
      ended = true
      break
    }
  }
  if (!names.has('from')) warnings.push('has no From header: RFC 5322 §3.6 requires one, and many servers refuse mail without it')
  if (!names.has('date')) warnings.push('has no Date header: RFC 5322 §3.6 requires one (some servers add it, others refuse the message)')
  if (names.has('bcc')) warnings.push('has a Bcc header: every recipient will see it')
  return { warnings, end, ended }
}

export function longLineWarning(lineNumber: number): string {
  return `line ${lineNumber} is longer than ${MAX_LINE_OCTETS} octets (RFC 5322 §2.1.1): servers may refuse or break it`
}

export function eightBitWarning(utf8Headers: boolean): string {
  return utf8Headers
    ? 'has non-ASCII characters in its headers: only a server offering SMTPUTF8 takes them (RFC 6532)'
    : 'has non-ASCII characters in its body: only a server offering 8BITMIME takes them (RFC 6152)'
}
