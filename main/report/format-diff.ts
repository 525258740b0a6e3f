// `mailwire diff` on a terminal: one line per step with both replies and both times, the
// changes of a differing step indented under it, and a last line that says whether only
// the timing differs. Markers in the first column, so it reads without colour too.
import { palette, type Palette } from './colors'
import { safeText } from './safe-text'
import type { SessionComparison, StepChange, StepComparison } from './session-diff'
import type { SessionStep } from './session-steps'

export const DIFF_MARKERS = { same: ' ', differs: '!', onlyA: '-', onlyB: '+' } as const

const STEP_WIDTH = 24
const REPLY_WIDTH = 14

function replyText(step: SessionStep | undefined): string {
  if (!step) return '(none)'
  if (step.tls) return step.tls.protocol
  const reply = step.reply
  if (!reply) return 'no reply'
  return reply.enhanced ? `${reply.code} ${reply.enhanced}` : String(reply.code)
}

function ms(value: number | undefined): string {
  return value === undefined ? '' : `${value.toFixed(1)}ms`
}

function delta(value: number | undefined): string {
  if (value === undefined) return ''
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}ms`
}

function markerOf(step: StepComparison): string {
  if (!step.a) return DIFF_MARKERS.onlyB
  if (!step.b) return DIFF_MARKERS.onlyA
  return step.differs ? DIFF_MARKERS.differs : DIFF_MARKERS.same
}

function describeChange(change: StepChange): string {
  const a = change.a === undefined ? undefined : safeText(change.a)
  const b = change.b === undefined ? undefined : safeText(change.b)
  if (change.field === 'capability') {
    if (a === undefined) return `capability added: ${b}`
    if (b === undefined) return `capability removed: ${a}`
    return `capability changed: ${a} -> ${b}`
  }
  return `${change.field}: ${a ?? '(none)'} -> ${b ?? '(none)'}`
}

function stepLines(step: StepComparison, colors: Palette): string[] {
  const marker = markerOf(step)
  const paint = marker === DIFF_MARKERS.same ? (text: string) => text : marker === DIFF_MARKERS.onlyA ? colors.red : marker === DIFF_MARKERS.onlyB ? colors.green : colors.yellow
  const cells = [
    `${marker} ${safeText(step.label).padEnd(STEP_WIDTH)}`,
    replyText(step.a).padEnd(REPLY_WIDTH),
    replyText(step.b).padEnd(REPLY_WIDTH),
    ms(step.aMs).padStart(10),
    ms(step.bMs).padStart(10),
    colors.dim(delta(step.deltaMs).padStart(10)),
  ]
  const lines = [paint(cells.slice(0, 3).join(' ')) + cells.slice(3).join(' ')]
  for (const change of step.changes) lines.push(`      ${paint(describeChange(change))}`)
  return lines
}

export interface DiffFormatOptions {
  color: boolean
  /** How A and B are named: their file names. */
  names: { a: string; b: string }
}

export function formatDiff(comparison: SessionComparison, options: DiffFormatOptions): string {
  const colors = palette(options.color)
  const { a, b } = options.names
  const header = [
    `A: ${safeText(a)}  ${comparison.server.a}, ${comparison.outcome.a}${comparison.durationMs.a !== undefined ? `, ${ms(comparison.durationMs.a)}` : ''}`,
    `B: ${safeText(b)}  ${comparison.server.b}, ${comparison.outcome.b}${comparison.durationMs.b !== undefined ? `, ${ms(comparison.durationMs.b)}` : ''}`,
    '',
    colors.dim(`  ${'step'.padEnd(STEP_WIDTH)} ${'A'.padEnd(REPLY_WIDTH)} ${'B'.padEnd(REPLY_WIDTH)} ${'time A'.padStart(10)} ${'time B'.padStart(10)} ${'delta'.padStart(10)}`),
  ]
  const rows = comparison.steps.flatMap((step) => stepLines(step, colors))
  if (comparison.capabilitiesInForce.length > 0) {
    rows.push('', 'Capabilities in force (the last EHLO of each):')
    for (const change of comparison.capabilitiesInForce) rows.push(`${DIFF_MARKERS.differs}     ${colors.yellow(describeChange(change))}`)
  }
  const differing = comparison.steps.filter((step) => step.differs).length
  const outcome = comparison.outcome.a === comparison.outcome.b ? '' : `the outcome differs (${comparison.outcome.a} / ${comparison.outcome.b})`
  const verdict = comparison.same
    ? colors.green('Same outcome and the same replies: only the timing differs.')
    : colors.red(`Different: ${[outcome, comparison.capabilitiesInForce.length > 0 ? 'the capabilities in force differ' : '', differing > 0 ? `${differing} step${differing === 1 ? '' : 's'} differ${differing === 1 ? 's' : ''}` : ''].filter(Boolean).join('; ')}.`)
  const legend = colors.dim(`${DIFF_MARKERS.differs} differs  ${DIFF_MARKERS.onlyA} only in A  ${DIFF_MARKERS.onlyB} only in B`)
  return `${[...header, ...rows, '', legend, verdict].join('\n')}\n`
}
