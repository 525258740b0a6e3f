// One mailbox as a person types it: `jane@example.com`, `Jane Doe <jane@example.com>`,
// `"Doe, Jane" <jane@example.com>`, `"john doe"@example.com`, `José <josé@bücher.example>`.
//
// Parsing is strict where routing is at stake: the address a server routes on must be the
// one the user sees. So comments inside an address (`a@good.test(x)evil.test`), an address
// hidden in a quoted local part (`"user@attacker.test"@legit.test`) and source routes
// (`@relay:user@host`, RFC 5321 §4.1.2 obsolete syntax) are refused. The `%` and `!` of the
// old percent and bang hacks are accepted: they are plain atext (RFC 5322 §3.2.3), the
// message still goes to the domain after the last '@' the user sees, and what that host
// does with its own local parts is its policy (probing it is a legitimate test).
import { controlCharacterProblem, describeChar, utf8Length } from './characters'
import { COMMENT_PROBLEM, INVISIBLE_OR_CONTROL, parseDomain, type ParsedDomain } from './domain'
import { unfoldableWordProblem } from './header-text'
import { MAX_LOCAL_PART_OCTETS, MAX_PATH_OCTETS } from './limits'

export interface Mailbox {
  input: string
  name?: string
  /** Canonical local part: a dot-atom, or a quoted-string when it needs the quotes. */
  local: string
  domain: ParsedDomain
  /** Non-ASCII local part: only a server offering SMTPUTF8 (RFC 6531) can take it. */
  utf8Local: boolean
}

export type MailboxResult = { mailbox: Mailbox; error?: undefined } | { error: string; mailbox?: undefined }

/** RFC 5322 §3.2.3 atext, plus non-ASCII (RFC 6532 §3.2). */
const ATEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\u{10FFFF}]$/u
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\u{10FFFF}]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\u{10FFFF}]+)*$/u

/** Longest header prefix a display name can follow on its line: `Reply-To: "`. */
const NAME_PREFIX_LENGTH = 'Reply-To: "'.length + 2

export function parseMailbox(input: string): MailboxResult {
  const control = controlCharacterProblem(input)
  if (control) return { error: control }
  const text = input.trim()
  if (text === '') return { error: 'is empty' }
  if (hasUnterminatedQuote(text)) return { error: 'has an unterminated quote (")' }

  const open = unquotedIndex(text, '<')
  if (open < 0) {
    if (text.startsWith('@')) return parseAddrSpec(text, input, undefined)
    const stray = unquotedIndex(text, '>,;')
    if (stray >= 0) return { error: strayProblem(text[stray] ?? '') }
    return parseAddrSpec(text, input, undefined)
  }
  const close = unquotedIndex(text, '>', open + 1)
  if (close < 0) return { error: "is missing the closing '>'" }
  const inner = text.slice(open + 1, close)
  const innerOpen = unquotedIndex(inner, '<')
  if (innerOpen >= 0) return { error: "contains '<' inside the address" }
  const after = text.slice(close + 1).trim()
  if (after !== '') {
    return { error: after.startsWith('(') ? `has '(' after the address ${COMMENT_PROBLEM}` : "has text after '>'" }
  }
  const phrase = text.slice(0, open)
  const stray = unquotedIndex(phrase, '>,;')
  if (stray >= 0) return { error: strayProblem(phrase[stray] ?? '') }
  const name = decodePhrase(phrase)
  const longName = name === undefined ? undefined : unfoldableWordProblem(name, NAME_PREFIX_LENGTH)
  if (longName) return { error: `has a name that ${longName}` }
  return parseAddrSpec(inner.trim(), input, name)
}

/** The bare address: `local@domain`, with the domain in the form asked for. */
export function formatAddress(mailbox: Mailbox, form: 'display' | 'ascii' | 'unicode'): string {
  return `${mailbox.local}@${mailbox.domain[form]}`
}

/** RFC 5321 §2.4: local parts may be case-sensitive, domains are not. */
export function mailboxKey(mailbox: Mailbox): string {
  return `${mailbox.local}@${mailbox.domain.ascii.toLowerCase()}`
}

function parseAddrSpec(spec: string, input: string, name: string | undefined): MailboxResult {
  if (spec === '') return { error: 'has no address' }
  if (spec.startsWith('@')) {
    return spec.includes(':')
      ? { error: 'is a source route (@relay:user@domain): it would be relayed through another host' }
      : { error: "has nothing before '@'" }
  }
  const local = spec.startsWith('"') ? readQuotedLocal(spec) : readDotAtomLocal(spec)
  if ('error' in local) return { error: local.error }
  const result = parseDomain(spec.slice(local.end + 1))
  if ('error' in result) return { error: result.error }

  const mailbox: Mailbox = {
    input,
    local: local.canonical,
    domain: result.domain,
    utf8Local: /[^\x00-\x7f]/.test(local.canonical),
  }
  if (name !== undefined) mailbox.name = name
  if (utf8Length(mailbox.local) > MAX_LOCAL_PART_OCTETS) {
    return { error: `has a local part longer than ${MAX_LOCAL_PART_OCTETS} octets (RFC 5321 §4.5.3.1.1)` }
  }
  if (utf8Length(formatAddress(mailbox, 'ascii')) + 2 > MAX_PATH_OCTETS) {
    return { error: `is longer than ${MAX_PATH_OCTETS - 2} octets (RFC 5321 §4.5.3.1.3)` }
  }
  return { mailbox }
}

type LocalResult = { canonical: string; end: number } | { error: string }

function readQuotedLocal(spec: string): LocalResult {
  let content = ''
  let i = 1
  for (; i < spec.length && spec[i] !== '"'; i++) {
    if (spec[i] === '\\') i++
    content += spec[i] ?? ''
  }
  const end = i + 1
  if (end >= spec.length) return { error: "has no '@' and domain" }
  if (spec[end] !== '@') return { error: `has ${describeChar(spec[end] ?? '')} after the quoted local part` }
  if (content === '') return { error: 'has an empty local part' }
  for (const char of content) {
    if (char === '@') {
      return {
        error: "hides an address in its quoted local part (\"user@host\"@domain): some servers would route it to that host, so '@' is refused there",
      }
    }
    if (char === '<' || char === '>') return { error: `contains '${char}' inside the address` }
    if (INVISIBLE_OR_CONTROL.test(char) && char !== ' ') return { error: `contains ${describeChar(char)}` }
  }
  // `"john"@x` is the same mailbox as `john@x` (RFC 5321 §4.1.2 prefers the bare form).
  const canonical = DOT_ATOM.test(content) ? content : `"${content.replace(/(["\\])/g, '\\$1')}"`
  return { canonical, end }
}

function readDotAtomLocal(spec: string): LocalResult {
  const at = spec.indexOf('@')
  const local = at < 0 ? spec : spec.slice(0, at)
  for (const char of local) {
    if (char === '.' || (ATEXT.test(char) && !INVISIBLE_OR_CONTROL.test(char))) continue
    if (char === '(' || char === ')') return { error: `contains '${char}' ${COMMENT_PROBLEM}` }
    return { error: `contains ${describeChar(char)}` }
  }
  if (at < 0) return { error: "has no '@' and domain" }
  if (!DOT_ATOM.test(local)) return { error: "has a misplaced '.' in the local part (RFC 5321 §4.1.2)" }
  return { canonical: local, end: at }
}

function strayProblem(char: string): string {
  if (char === '>') return "contains '>' outside an address"
  return `contains '${char}': quote a name that has one, and give one address per entry`
}

/** Index of the first of `chars` outside a quoted string, or -1. */
export function unquotedIndex(text: string, chars: string, from = 0): number {
  let quoted = false
  for (let i = from; i < text.length; i++) {
    const char = text[i] ?? ''
    if (quoted && char === '\\') i++
    else if (char === '"') quoted = !quoted
    else if (!quoted && chars.includes(char)) return i
  }
  return -1
}

function hasUnterminatedQuote(text: string): boolean {
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    if (quoted && text[i] === '\\') i++
    else if (text[i] === '"') quoted = !quoted
  }
  return quoted
}

/** A display name: words and quoted strings (RFC 5322 §3.2.5 phrase), unquoted. */
function decodePhrase(phrase: string): string | undefined {
  let name = ''
  let quoted = false
  for (let i = 0; i < phrase.length; i++) {
    const char = phrase[i] ?? ''
    if (quoted && char === '\\') name += phrase[++i] ?? ''
    else if (char === '"') quoted = !quoted
    else name += char
  }
  const collapsed = name.replace(/\s+/g, ' ').trim()
  return collapsed === '' ? undefined : collapsed
}
