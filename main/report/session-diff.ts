// Two sessions side by side, aligned by step (session-steps.ts): what differs in the
// replies, the enhanced codes, the capabilities, the TLS handshake, and how long each step
// took. Reply text is not compared (queue ids and host names change on every run), only
// what a client acts on. Pure: `mailwire diff` prints it, the app's compare view shows it.
import { capabilityKeyword } from '../smtp/capability-diff'
import type { TlsInfo } from '../smtp/types'
import { sessionOutcome, sessionServer, type SessionDocument } from './session-document'
import { sessionSteps, stepDuration, type SessionStep } from './session-steps'

/** One thing that differs in a step; `a` or `b` absent: it is missing on that side. */
export interface StepChange {
  field: 'command' | 'reply' | 'enhanced' | 'capability' | 'tls protocol' | 'tls cipher' | 'certificate' | 'verified'
  a?: string
  b?: string
}

export interface StepComparison {
  key: string
  label: string
  a?: SessionStep
  b?: SessionStep
  /** Replies, capabilities or TLS differ, or the step happened in one session only. */
  differs: boolean
  /** Every change, including a differing command (which alone does not make `differs`). */
  changes: StepChange[]
  aMs?: number
  bMs?: number
  /** bMs - aMs when both completed. */
  deltaMs?: number
}

export interface SessionComparison {
  /** Same outcome and the same replies at every step: only the timing may differ. */
  same: boolean
  outcome: { a: string; b: string }
  server: { a: string; b: string }
  durationMs: { a?: number; b?: number }
  steps: StepComparison[]
  /**
   * The capabilities of each session's last EHLO, the ones in force for the mail: a plain
   * session against a STARTTLS one differs here even though each EHLO step matches its peer.
   */
  capabilitiesInForce: StepChange[]
}

function replyChanges(a: SessionStep, b: SessionStep): StepChange[] {
  const changes: StepChange[] = []
  const codeA = a.reply ? String(a.reply.code) : undefined
  const codeB = b.reply ? String(b.reply.code) : undefined
  if (codeA !== codeB) changes.push({ field: 'reply', ...side('a', codeA), ...side('b', codeB) })
  if (a.reply?.enhanced !== b.reply?.enhanced) changes.push({ field: 'enhanced', ...side('a', a.reply?.enhanced), ...side('b', b.reply?.enhanced) })
  return changes
}

/** Capability lines by keyword: added, removed, or changed (SIZE 10240000 → SIZE 52428800). */
function capabilityChanges(a: readonly string[] = [], b: readonly string[] = []): StepChange[] {
  const byKeyword = (lines: readonly string[]) => new Map(lines.map((line) => [capabilityKeyword(line), line.trim()]))
  const before = byKeyword(a)
  const after = byKeyword(b)
  const changes: StepChange[] = []
  for (const [keyword, line] of before) {
    const other = after.get(keyword)
    if (other !== line) changes.push({ field: 'capability', a: line, ...side('b', other) })
  }
  for (const [keyword, line] of after) if (!before.has(keyword)) changes.push({ field: 'capability', b: line })
  return changes
}

function tlsChanges(a: TlsInfo | undefined, b: TlsInfo | undefined): StepChange[] {
  const fields: Array<[StepChange['field'], (tls: TlsInfo) => string | undefined]> = [
    ['tls protocol', (tls) => tls.protocol],
    ['tls cipher', (tls) => tls.cipher],
    ['certificate', (tls) => tls.certificates[0]?.fingerprint256],
    ['verified', (tls) => (tls.authorized ? 'yes' : `no${tls.authorizationError ? ` (${tls.authorizationError})` : ''}`)],
  ]
  const changes: StepChange[] = []
  for (const [field, read] of fields) {
    const valueA = a ? read(a) : undefined
    const valueB = b ? read(b) : undefined
    if (valueA !== valueB) changes.push({ field, ...side('a', valueA), ...side('b', valueB) })
  }
  return changes
}

function side<K extends 'a' | 'b'>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>)
}

function compareStep(key: string, a: SessionStep | undefined, b: SessionStep | undefined): StepComparison {
  const label = (a ?? b)!.label
  const aMs = a ? stepDuration(a) : undefined
  const bMs = b ? stepDuration(b) : undefined
  const timing = {
    ...(aMs !== undefined ? { aMs } : {}),
    ...(bMs !== undefined ? { bMs } : {}),
    ...(aMs !== undefined && bMs !== undefined ? { deltaMs: bMs - aMs } : {}),
  }
  if (!a || !b) return { key, label, ...(a ? { a } : {}), ...(b ? { b } : {}), differs: true, changes: [], ...timing }
  const significant = [...replyChanges(a, b), ...capabilityChanges(a.capabilities, b.capabilities), ...tlsChanges(a.tls, b.tls)]
  const command: StepChange[] = a.command !== b.command ? [{ field: 'command', ...side('a', a.command), ...side('b', b.command) }] : []
  return { key, label: a.label === b.label ? label : `${a.label} / ${b.label}`, a, b, differs: significant.length > 0, changes: [...command, ...significant], ...timing }
}

/**
 * The rows in A's order; a step only B took goes where B took it (after the step before it
 * in B). Keys are unique within a session (session-steps numbers repeats).
 */
function align(a: SessionStep[], b: SessionStep[]): StepComparison[] {
  const inA = new Set(a.map((step) => step.key))
  const indexInB = new Map(b.map((step, index) => [step.key, index]))
  const rows: StepComparison[] = []
  let next = 0
  for (const step of a) {
    const match = indexInB.get(step.key)
    if (match !== undefined && match >= next) {
      for (; next < match; next++) if (!inA.has(b[next]!.key)) rows.push(compareStep(b[next]!.key, undefined, b[next]))
      next = match + 1
    }
    rows.push(compareStep(step.key, step, match === undefined ? undefined : b[match]))
  }
  for (; next < b.length; next++) if (!inA.has(b[next]!.key)) rows.push(compareStep(b[next]!.key, undefined, b[next]))
  return rows
}

function durationOf(document: SessionDocument): number | undefined {
  return document.result?.durationMs ?? document.probe?.durationMs
}

function lastCapabilities(steps: SessionStep[]): string[] | undefined {
  return steps.filter((step) => step.capabilities !== undefined).at(-1)?.capabilities
}

export function compareSessions(a: SessionDocument, b: SessionDocument): SessionComparison {
  const stepsA = sessionSteps(a.transcript)
  const stepsB = sessionSteps(b.transcript)
  const steps = align(stepsA, stepsB)
  const capabilitiesInForce = capabilityChanges(lastCapabilities(stepsA), lastCapabilities(stepsB))
  const outcome = { a: sessionOutcome(a), b: sessionOutcome(b) }
  const durationA = durationOf(a)
  const durationB = durationOf(b)
  return {
    same: outcome.a === outcome.b && capabilitiesInForce.length === 0 && steps.every((step) => !step.differs),
    outcome,
    server: { a: sessionServer(a.profile), b: sessionServer(b.profile) },
    durationMs: { ...(durationA !== undefined ? { a: durationA } : {}), ...(durationB !== undefined ? { b: durationB } : {}) },
    steps,
    capabilitiesInForce,
  }
}
