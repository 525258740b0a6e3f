// The figures of a load send, kept as results arrive: rate, latency percentiles, counts per
// reply code, and the first of each distinct failure with its transcript. Pure: the CLI
// prints a snapshot, the app sends one to the window, tests feed results by hand.
import type { SendResult, SmtpErrorInfo, WireEvent } from '../types'

export interface LatencyFigures {
  p50: number
  p95: number
  p99: number
  max: number
}

/** One kind of failure: the first message (or connection) that had it, and how often it came. */
export interface LoadFailure {
  /** What makes two failures the same: the reply code and text with numbers blanked, or the error code and message. */
  key: string
  /** What the face shows: "550 5.1.1 Recipient refused" or "ECONNECT connection refused". */
  summary: string
  count: number
  /** 1-based connection number it first came on. */
  connection: number
  /** 0-based message number within the run; absent for a failure of the connection itself. */
  message?: number
  /** The wire events of that message (since the previous message's result on its connection). */
  transcript: WireEvent[]
}

export interface LoadSnapshot {
  requested: number
  connections: number
  /** Messages that got a result (sent or not). */
  finished: number
  /** Accepted by the server (sent, or partial: some recipients refused). */
  accepted: number
  failed: number
  /** Never tried: their connection failed, or the run was cancelled, before their turn. */
  notSent: number
  elapsedMs: number
  messagesPerSecond: number
  /** Per message, from its MAIL FROM to its final reply (ms); absent before the first result. */
  latencyMs?: LatencyFigures
  /** How each message ended: "250", "550", … or an error code ("ETIMEOUT") when no reply said. */
  replyCodes: Record<string, number>
  failures: LoadFailure[]
  dataBytes: number
  /** The run is over (every message finished or given up). */
  done: boolean
  cancelled: boolean
}

/** Distinct failures kept with their transcript: the rest are only counted. */
export const MAX_DISTINCT_FAILURES = 20

/** Nearest-rank percentile (the smallest value with at least p% of values at or below it) of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

export function latencyFigures(values: readonly number[]): LatencyFigures | undefined {
  if (values.length === 0) return undefined
  const sorted = Float64Array.from(values).sort()
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1]! }
}

/** The reply that decided the message: the final reply, the refusal, or the error code when no reply came. */
export function endingCode(result: SendResult): string {
  if (result.finalReply) return String(result.finalReply.code)
  if (result.error?.reply) return String(result.error.reply.code)
  const refused = result.recipients.find((recipient) => !recipient.accepted)
  if (refused) return String(refused.reply.code)
  return result.error?.code ?? result.status
}

const failed = (result: SendResult) => result.status !== 'sent'

/** The words of a reply or error, numbers blanked so queue ids and counters do not split one kind in many. */
function failureOf(result: SendResult): { key: string; summary: string } {
  const reply = result.finalReply && result.finalReply.code >= 400 ? result.finalReply : (result.error?.reply ?? result.recipients.find((r) => !r.accepted)?.reply)
  if (reply) {
    const summary = [String(reply.code), reply.enhanced, reply.lines.join(' ')].filter(Boolean).join(' ')
    return { key: `${result.status} ${summary.replace(/\d+/g, '#')}`, summary }
  }
  if (result.error) return errorFailure(result.error)
  return { key: result.status, summary: result.status }
}

function errorFailure(error: SmtpErrorInfo): { key: string; summary: string } {
  const summary = `${error.code} ${error.message}`
  return { key: summary.replace(/\d+/g, '#'), summary }
}

export class LoadStats {
  private readonly latencies: number[] = []
  private readonly codes = new Map<string, number>()
  private readonly failureList: LoadFailure[] = []
  private readonly byKey = new Map<string, LoadFailure>()
  private finishedCount = 0
  private acceptedCount = 0
  private bytes = 0
  private givenUp = 0
  private endedAt?: number
  private cancelledRun = false

  constructor(
    readonly requested: number,
    readonly connections: number,
    private readonly startedAt: number,
  ) {}

  /** One message's result, with the wire events that led to it. */
  addResult(result: SendResult, where: { connection: number; message: number }, transcript: () => WireEvent[]): void {
    this.finishedCount++
    this.bytes += result.dataBytes
    if (result.status === 'sent' || result.status === 'partial') this.acceptedCount++
    // A message that never reached MAIL FROM has no latency of its own to report.
    if (result.timings.length > 0) this.latencies.push(result.durationMs)
    const code = endingCode(result)
    this.codes.set(code, (this.codes.get(code) ?? 0) + 1)
    if (failed(result)) this.addFailure(failureOf(result), where, transcript)
  }

  /** A connection that failed on its own (connect, TLS, AUTH, a 421): its messages after this are not sent. */
  addConnectionFailure(error: SmtpErrorInfo, connection: number, transcript: () => WireEvent[]): void {
    const code = error.reply ? String(error.reply.code) : error.code
    this.codes.set(code, (this.codes.get(code) ?? 0) + 1)
    this.addFailure(errorFailure(error), { connection }, transcript)
  }

  /** Messages a connection took but never tried (its session ended first). */
  addNotSent(count: number): void {
    this.givenUp += count
  }

  end(now: number, cancelled: boolean): void {
    this.endedAt = now
    this.cancelledRun = cancelled
  }

  snapshot(now: number): LoadSnapshot {
    const elapsedMs = Math.max(0, (this.endedAt ?? now) - this.startedAt)
    const latencyMs = latencyFigures(this.latencies)
    const done = this.endedAt !== undefined
    return {
      requested: this.requested,
      connections: this.connections,
      finished: this.finishedCount,
      accepted: this.acceptedCount,
      failed: this.finishedCount - this.acceptedCount,
      notSent: done ? this.requested - this.finishedCount : this.givenUp,
      elapsedMs: Math.round(elapsedMs),
      messagesPerSecond: elapsedMs > 0 ? Math.round((this.finishedCount / elapsedMs) * 1000 * 10) / 10 : 0,
      ...(latencyMs ? { latencyMs } : {}),
      replyCodes: Object.fromEntries([...this.codes].sort(([a], [b]) => a.localeCompare(b))),
      failures: this.failureList.map((failure) => ({ ...failure })),
      dataBytes: this.bytes,
      done,
      cancelled: this.cancelledRun,
    }
  }

  private addFailure(kind: { key: string; summary: string }, where: { connection: number; message?: number }, transcript: () => WireEvent[]): void {
    const known = this.byKey.get(kind.key)
    if (known) {
      known.count++
      return
    }
    if (this.failureList.length >= MAX_DISTINCT_FAILURES) return
    // 1-based for people: "connection 1" is the first one opened.
    const failure: LoadFailure = { ...kind, count: 1, connection: where.connection, ...(where.message !== undefined ? { message: where.message } : {}), transcript: transcript() }
    this.byKey.set(kind.key, failure)
    this.failureList.push(failure)
  }
}
