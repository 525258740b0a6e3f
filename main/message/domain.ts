// The domain half of an address: host names (ASCII or international) and address literals.
import { isIPv4, isIPv6 } from 'node:net'
import { domainToASCII, domainToUnicode } from 'node:url'
import { describeChar, isAscii } from './characters'
import { MAX_DOMAIN_OCTETS, MAX_LABEL_OCTETS } from './limits'

export interface ParsedDomain {
  /** As the user typed it. */
  display: string
  /** A-label form (RFC 5890): the envelope, and headers when SMTPUTF8 is not offered. */
  ascii: string
  /** U-label form: headers when the server offers SMTPUTF8 (RFC 6532). */
  unicode: string
  /** `[192.0.2.1]` or `[IPv6:...]` (RFC 5321 §4.1.3). */
  literal: boolean
}

export type DomainResult = { domain: ParsedDomain } | { error: string }

/** RFC 5321 §4.1.2 Let-dig / Ldh-str, plus any non-ASCII character for IDN U-labels. */
const DOMAIN_CHAR = /[A-Za-z0-9.\-\u0080-\u{10FFFF}]/u
export const INVISIBLE_OR_CONTROL = /^[\p{Cc}\p{Cf}\p{Z}]/u
const LDH_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/

export const COMMENT_PROBLEM =
  '(a comment: servers would not route the address the way it reads)'

export function parseDomain(text: string): DomainResult {
  if (text === '') return { error: "has no domain after '@'" }
  if (text.startsWith('[')) return parseAddressLiteral(text)

  for (const char of text) {
    if (DOMAIN_CHAR.test(char) && !INVISIBLE_OR_CONTROL.test(char)) continue
    if (char === '(' || char === ')') {
      return { error: `contains '${char}' in the domain ${COMMENT_PROBLEM}` }
    }
    if (char === '@') return { error: "contains a second '@'" }
    return { error: `contains ${describeChar(char)} in the domain` }
  }
  if (text.split('.').some((label) => label === '')) {
    return { error: "has an empty label in the domain (a leading, trailing or doubled '.')" }
  }
  if (isIPv4(text)) return { error: `has an IP address as domain: write it as [${text}]` }

  // ASCII host names are kept as typed; anything international (or an A-label the user
  // typed) goes through the WHATWG/UTS #46 mapping, which also validates punycode.
  const needsMapping = !isAscii(text) || /(^|\.)xn--/i.test(text)
  const ascii = needsMapping ? domainToASCII(text) : text
  if (ascii === '') return { error: `has a domain that is not a valid international name` }
  for (const label of ascii.split('.')) {
    if (label.length > MAX_LABEL_OCTETS) {
      return { error: `has a domain label longer than ${MAX_LABEL_OCTETS} octets` }
    }
    if (!LDH_LABEL.test(label)) {
      return { error: "has a domain label that starts or ends with '-'" }
    }
  }
  if (ascii.length > MAX_DOMAIN_OCTETS) {
    return { error: `has a domain longer than ${MAX_DOMAIN_OCTETS} octets` }
  }
  const unicode = needsMapping ? domainToUnicode(ascii) : text
  return { domain: { display: text, ascii, unicode, literal: false } }
}

function parseAddressLiteral(text: string): DomainResult {
  const inner = text.endsWith(']') ? text.slice(1, -1) : undefined
  const ipv6 = inner?.match(/^IPv6:(.*)$/i)?.[1]
  const valid = inner !== undefined && (ipv6 !== undefined ? isIPv6(ipv6) : isIPv4(inner))
  if (!valid) return { error: 'has an address literal that is not [IPv4] or [IPv6:address]' }
  return { domain: { display: text, ascii: text, unicode: text, literal: true } }
}
