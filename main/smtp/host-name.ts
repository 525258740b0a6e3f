// A server's host as the user typed it, checked before anything resolves it. The URL host
// parser and the system resolver both rewrite what they are given: control characters
// are dropped ("127.0.0.1\r\n" becomes 127.0.0.1) and inet_aton's old forms are read as an
// IPv4 address (0x7f.1, 127.1, 0177.0.0.1, 2130706433 all become 127.0.0.1). A host must
// connect where it reads, so those are refused here rather than rewritten silently.
import { isIP, isIPv4, isIPv6 } from 'node:net'
import { domainToASCII } from 'node:url'

/** C0 controls, DEL and C1 controls: never part of a host name or an address. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/

/** Labels of letters, digits, '-' and '_' (seen in real MX names), an optional final dot. */
const ASCII_HOST_NAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/i

/** `syntax`: not a name or an address at all; the others name what would be rewritten. */
export type HostProblem = 'control' | 'numeric' | 'brackets' | 'syntax'
export type HostCheck = { ok: true; host: string } | { ok: false; kind: HostProblem; problem: string }

/** "contains a control character (U+000D)", or undefined when there is none. */
export function controlCharacterProblem(text: string): string | undefined {
  const found = CONTROL_CHARACTER.exec(text)
  if (!found) return undefined
  const code = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
  return `contains a control character (U+${code})`
}

/**
 * The host the connection will use: an IP address as given (an IPv6 one may be in
 * brackets), or a name in its ASCII (punycode) form. `problem` completes a sentence that
 * starts with the host.
 */
export function canonicalHost(host: string): HostCheck {
  const control = controlCharacterProblem(host)
  if (control) return { ok: false, kind: 'control', problem: control }
  if (isIP(host)) return { ok: true, host }
  const bracketed = /^\[(.*)\]$/.exec(host)
  if (bracketed) {
    if (isIPv6(bracketed[1]!)) return { ok: true, host: bracketed[1]! }
    return { ok: false, kind: 'brackets', problem: 'has brackets, which are for an IPv6 address only' }
  }
  const ascii = domainToASCII(host)
  // Not an address as written, yet one once parsed: a numeric form only inet_aton knows.
  if (isIPv4(ascii)) {
    return { ok: false, kind: 'numeric', problem: `is not an IPv4 address in the usual form: it would be read as ${ascii} (write ${ascii} if that is meant)` }
  }
  if (!ascii || !ASCII_HOST_NAME.test(ascii)) {
    return { ok: false, kind: 'syntax', problem: 'is not a host name, an IPv4 address or an IPv6 address' }
  }
  return { ok: true, host: ascii }
}
