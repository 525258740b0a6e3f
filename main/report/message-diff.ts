// Sent versus arrived: what happened to a message between Mailwire and the mailbox. Header
// fields are unfolded (RFC 5322 2.2.3) and matched by name and value, so a trace field a
// server prepends (Received, Return-Path, RFC 5321 4.4) shows as added at the top, a value
// rewritten as changed, and a field merely refolded as the same. Bodies are compared byte
// for byte, then with line endings normalised, then part by part after undoing each
// part's Content-Transfer-Encoding (RFC 2045 6), so a relay that turned 8bit into
// quoted-printable reads as "re-encoded, same content", not as a changed message.
import type { BodyVerdict, HeaderChange, MessageComparison, PartComparison } from './message-diff-types'

export type * from './message-diff-types'

interface HeaderField {
  name: string
  /** Unfolded: the CRLFs of folding removed, nothing else. */
  value: string
}

interface Entity {
  headers: HeaderField[]
  /** The body's bytes as a latin1 string (one char per byte). */
  body: string
}

/** Bytes as a one-char-per-byte string: the parsing below works on lines, never on decoded text. */
function binary(message: Uint8Array | string): string {
  return typeof message === 'string' ? Buffer.from(message, 'utf8').toString('latin1') : Buffer.from(message).toString('latin1')
}

export function parseEntity(source: string): Entity {
  const match = /\r?\n\r?\n/.exec(source)
  const head = match ? source.slice(0, match.index) : source
  const body = match ? source.slice(match.index + match[0].length) : ''
  const headers: HeaderField[] = []
  for (const line of head.split(/\r?\n/)) {
    const last = headers[headers.length - 1]
    if (/^[ \t]/.test(line) && last) last.value += line
    else {
      const colon = line.indexOf(':')
      if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).replace(/^[ \t]+/, '') })
    }
  }
  return { headers, body }
}

/** Whitespace runs as one space: folding and spacing do not change a field's meaning. */
const squeezed = (value: string) => value.replace(/[ \t\r\n]+/g, ' ').trim()

function fieldsByName(headers: HeaderField[]): Map<string, Array<{ field: HeaderField; index: number }>> {
  const byName = new Map<string, Array<{ field: HeaderField; index: number }>>()
  headers.forEach((field, index) => {
    const key = field.name.toLowerCase()
    byName.set(key, [...(byName.get(key) ?? []), { field, index }])
  })
  return byName
}

/** Each arrived field against the sent ones: same (exactly or refolded), changed, added; sent leftovers removed. */
export function compareHeaders(sent: HeaderField[], arrived: HeaderField[]): HeaderChange[] {
  const sentByName = fieldsByName(sent)
  const arrivedByName = fieldsByName(arrived)
  // Where the sent fields sit in the arrived message: an added field above them all was prepended.
  const matchedIndexes: number[] = []
  const changes: Array<HeaderChange & { order: number }> = []
  const names = new Set([...arrivedByName.keys(), ...sentByName.keys()])
  for (const key of names) {
    const before = [...(sentByName.get(key) ?? [])]
    const after = [...(arrivedByName.get(key) ?? [])]
    const unmatchedAfter: typeof after = []
    for (const candidate of after) {
      const exact = before.findIndex((item) => item.field.value === candidate.field.value)
      const loose = exact >= 0 ? exact : before.findIndex((item) => squeezed(item.field.value) === squeezed(candidate.field.value))
      if (loose < 0) {
        unmatchedAfter.push(candidate)
        continue
      }
      const [match] = before.splice(loose, 1)
      matchedIndexes.push(candidate.index)
      changes.push({
        name: candidate.field.name,
        kind: 'same',
        sent: match!.field.value,
        arrived: candidate.field.value,
        ...(exact < 0 ? { refolded: true } : {}),
        order: candidate.index,
      })
    }
    // Same name, other value: a sent field the server rewrote pairs with an arrived one in order.
    // A trace field (Received) is never a rewrite: a server adds its own and keeps the others.
    const traceField = key === 'received' || key === 'return-path' || key === 'delivered-to'
    for (const candidate of unmatchedAfter) {
      const rewritten = traceField ? undefined : before.shift()
      if (rewritten) {
        matchedIndexes.push(candidate.index)
        changes.push({ name: candidate.field.name, kind: 'changed', sent: rewritten.field.value, arrived: candidate.field.value, order: candidate.index })
      } else changes.push({ name: candidate.field.name, kind: 'added', arrived: candidate.field.value, order: candidate.index })
    }
    for (const removed of before) changes.push({ name: removed.field.name, kind: 'removed', sent: removed.field.value, order: arrived.length + removed.index })
  }
  const first = matchedIndexes.length > 0 ? Math.min(...matchedIndexes) : arrived.length
  const last = matchedIndexes.length > 0 ? Math.max(...matchedIndexes) : -1
  return changes
    .sort((a, b) => a.order - b.order)
    .map(({ order, ...change }) =>
      change.kind === 'added' ? { ...change, position: order < first ? 'top' : order > last ? 'bottom' : 'inside' } : change,
    )
}

function header(entity: Entity, name: string): string | undefined {
  return entity.headers.find((field) => field.name.toLowerCase() === name)?.value
}

function encodingOf(entity: Entity): string {
  return (header(entity, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase()
}

function contentTypeOf(entity: Entity): string {
  return squeezed(header(entity, 'content-type') ?? 'text/plain').split(';')[0]!.toLowerCase()
}

function boundaryOf(entity: Entity): string | undefined {
  const type = header(entity, 'content-type') ?? ''
  return /;\s*boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(type)?.slice(1).find((value) => value !== undefined)
}

/** The parts of a multipart body, between its boundary lines (RFC 2046 5.1.1); preamble and epilogue left out. */
function subparts(entity: Entity, boundary: string): Entity[] {
  const lines = entity.body.split(/\r?\n/)
  const parts: string[][] = []
  let current: string[] | undefined
  for (const line of lines) {
    const trimmed = line.replace(/[ \t]+$/, '')
    if (trimmed === `--${boundary}--`) break
    if (trimmed === `--${boundary}`) {
      current = []
      parts.push(current)
    } else current?.push(line)
  }
  return parts.map((part) => parseEntity(part.join('\r\n')))
}

function decodeQuotedPrintable(body: string): string {
  return body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

/** The part's content, transfer encoding undone; text with its line endings as LF (a canonical form, RFC 2049 4). */
function decoded(entity: Entity): string {
  const encoding = encodingOf(entity)
  const content =
    encoding === 'base64'
      ? Buffer.from(entity.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(entity.body)
        : entity.body
  return contentTypeOf(entity).startsWith('text/') ? content.replace(/\r\n/g, '\n').replace(/\n+$/, '') : content
}

function leafVerdict(sent: Entity, arrived: Entity): BodyVerdict {
  if (sent.body === arrived.body) return 'same'
  if (sent.body.replace(/\r\n/g, '\n') === arrived.body.replace(/\r\n/g, '\n')) return 'line-endings'
  return decoded(sent) === decoded(arrived) ? 're-encoded' : 'changed'
}

const RANK: Record<BodyVerdict, number> = { same: 0, 'line-endings': 1, 're-encoded': 2, changed: 3 }

function compareParts(sent: Entity | undefined, arrived: Entity | undefined, path: string, into: PartComparison[]): void {
  const side = (entity: Entity, name: 'sent' | 'arrived') =>
    name === 'sent' ? { sentEncoding: encodingOf(entity), sentBytes: entity.body.length } : { arrivedEncoding: encodingOf(entity), arrivedBytes: entity.body.length }
  if (!sent || !arrived) {
    const only = (sent ?? arrived)!
    into.push({ path, contentType: contentTypeOf(only), verdict: sent ? 'only-sent' : 'only-arrived', ...side(only, sent ? 'sent' : 'arrived') })
    return
  }
  const sentBoundary = contentTypeOf(sent).startsWith('multipart/') ? boundaryOf(sent) : undefined
  const arrivedBoundary = contentTypeOf(arrived).startsWith('multipart/') ? boundaryOf(arrived) : undefined
  if (sentBoundary !== undefined && arrivedBoundary !== undefined) {
    const before = subparts(sent, sentBoundary)
    const after = subparts(arrived, arrivedBoundary)
    for (let i = 0; i < Math.max(before.length, after.length); i++) compareParts(before[i], after[i], path === '' ? `${i + 1}` : `${path}.${i + 1}`, into)
    return
  }
  into.push({ path: path === '' ? '1' : path, contentType: contentTypeOf(arrived), verdict: leafVerdict(sent, arrived), ...side(sent, 'sent'), ...side(arrived, 'arrived') })
}

function bodyVerdict(parts: PartComparison[]): BodyVerdict {
  let worst: BodyVerdict = 'same'
  for (const part of parts) {
    const verdict: BodyVerdict = part.verdict === 'only-sent' || part.verdict === 'only-arrived' ? 'changed' : part.verdict
    if (RANK[verdict] > RANK[worst]) worst = verdict
  }
  return worst
}

const BODY_WORDS: Record<BodyVerdict, string> = {
  same: 'the body arrived byte for byte',
  'line-endings': 'the body arrived with other line endings only',
  're-encoded': 'the body was re-encoded, its content the same',
  changed: 'the body changed',
}

function summaryOf(headers: HeaderChange[], body: BodyVerdict): string {
  const count = (kind: HeaderChange['kind']) => headers.filter((change) => change.kind === kind).length
  const counted = (n: number, what: string) => `${n} header${n === 1 ? '' : 's'} ${what}`
  const parts = [counted(count('added'), 'added'), counted(count('changed'), 'changed'), counted(count('removed'), 'removed')]
  return `${parts.join(', ')}; ${BODY_WORDS[body]}.`
}

/** Compares the message Mailwire sent with the one that arrived (the local inbox's copy, or any .eml). */
export function compareMessages(sentMessage: Uint8Array | string, arrivedMessage: Uint8Array | string): MessageComparison {
  const sentText = binary(sentMessage)
  const arrivedText = binary(arrivedMessage)
  const sent = parseEntity(sentText)
  const arrived = parseEntity(arrivedText)
  const headers = compareHeaders(sent.headers, arrived.headers)
  const parts: PartComparison[] = []
  compareParts(sent, arrived, '', parts)
  const body = bodyVerdict(parts)
  const shown = headers.map((change) => ({
    ...change,
    ...(change.sent !== undefined ? { sent: displayValue(change.sent) } : {}),
    ...(change.arrived !== undefined ? { arrived: displayValue(change.arrived) } : {}),
  }))
  return { headers: shown, body, parts, sentBytes: sentText.length, arrivedBytes: arrivedText.length, summary: summaryOf(headers, body) }
}

/**
 * A header value for display: its bytes read as UTF-8 (they were parsed one char per byte),
 * folding whitespace as one space (a refolded field is flagged as such, not shown as a tab).
 */
export function displayValue(value: string): string {
  return Buffer.from(squeezed(value), 'latin1').toString('utf8')
}
