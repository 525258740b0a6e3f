// `mailwire diff sent.eml arrived.eml` on a terminal: the header fields that differ, marked
// as `mailwire diff` marks steps (+ added, - removed, ! changed), then the body part by part.
import type { BodyVerdict, MessageComparison, PartComparison } from './message-diff-types'
import { palette } from './colors'
import { safeText } from './safe-text'

const BODY_WORDS: Record<BodyVerdict | PartComparison['verdict'], string> = {
  same: 'the same, byte for byte',
  'line-endings': 'the same but for line endings',
  're-encoded': 're-encoded, the same content',
  changed: 'changed',
  'only-sent': 'only in the first',
  'only-arrived': 'only in the second',
}

export function formatMessageDiff(comparison: MessageComparison, options: { color?: boolean; names: { a: string; b: string } }): string {
  const paint = palette(options.color)
  const lines = [paint.bold(`${safeText(options.names.a)} (${comparison.sentBytes} bytes) → ${safeText(options.names.b)} (${comparison.arrivedBytes} bytes)`)]
  for (const change of comparison.headers) {
    const name = safeText(change.name)
    if (change.kind === 'added') lines.push(paint.green(`+ ${name}: ${safeText(change.arrived ?? '')}${change.position ? `  (added ${change.position === 'inside' ? 'among the others' : `at the ${change.position}`})` : ''}`))
    else if (change.kind === 'removed') lines.push(paint.red(`- ${name}: ${safeText(change.sent ?? '')}`))
    else if (change.kind === 'changed') lines.push(paint.yellow(`! ${name}: ${safeText(change.sent ?? '')}\n  ${' '.repeat(Array.from(name).length)}→ ${safeText(change.arrived ?? '')}`))
  }
  const same = comparison.headers.filter((change) => change.kind === 'same')
  const refolded = same.filter((change) => change.refolded).length
  lines.push(paint.dim(`  ${same.length} header${same.length === 1 ? '' : 's'} the same${refolded > 0 ? ` (${refolded} refolded)` : ''}`))
  lines.push(`Body: ${BODY_WORDS[comparison.body]}`)
  if (comparison.parts.length > 1 || comparison.body !== 'same') {
    for (const part of comparison.parts) {
      const encoding = part.sentEncoding === part.arrivedEncoding ? (part.sentEncoding ?? part.arrivedEncoding ?? '') : `${part.sentEncoding ?? '-'} → ${part.arrivedEncoding ?? '-'}`
      lines.push(`  ${part.path} ${safeText(part.contentType)} ${encoding}: ${BODY_WORDS[part.verdict]}`)
    }
  }
  lines.push(comparison.summary)
  return `${lines.join('\n')}\n`
}

/** Exit 0 only when nothing but line endings or folding differs. */
export function messagesDiffer(comparison: MessageComparison): boolean {
  return comparison.headers.some((change) => change.kind !== 'same') || (comparison.body !== 'same' && comparison.body !== 'line-endings')
}
