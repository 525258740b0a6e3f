// The stream of wire events of one session: numbering (seq), monotonic time since the
// session began (at), the current phase, whether TLS is on, and masking of secrets.
import { performance } from 'node:perf_hooks'
import type { Phase, PhaseTiming, WireEvent, WireKind } from './types'

/** What replaces a credential in every line we show. */
export const MASK = '****'

export type WireExtra = Partial<Pick<WireEvent, 'phase' | 'reply' | 'rtt' | 'bytes' | 'totalBytes' | 'tls'>>

export class WireLog {
  secure = false
  private current: Phase = 'connect'
  private seq = 0
  private readonly origin = performance.now()
  private readonly secrets: string[] = []
  private readonly spans: PhaseTiming[] = [{ phase: 'connect', start: 0, end: 0 }]

  constructor(private readonly sink?: (event: WireEvent) => void) {}

  /** The step the session is in: new events belong to it unless they say otherwise. */
  get phase(): Phase {
    return this.current
  }

  /** Enter a phase; the time spent in each is kept (a phase entered twice, e.g. EHLO after TLS, twice). */
  setPhase(phase: Phase): void {
    if (phase === this.current) return
    const now = this.now()
    this.spans[this.spans.length - 1]!.end = now
    this.spans.push({ phase, start: now, end: now })
    this.current = phase
  }

  /** The phases so far, the current one ending now. */
  timings(): PhaseTiming[] {
    this.spans[this.spans.length - 1]!.end = this.now()
    return this.spans.map((span) => ({ ...span }))
  }

  /** Milliseconds since the session started, microsecond resolution. */
  now(): number {
    return Math.round((performance.now() - this.origin) * 1000) / 1000
  }

  /**
   * A string that must never appear in any event (a password, its base64 form): a second
   * line of defence behind the masked display text each AUTH step provides.
   */
  addSecret(secret: string): void {
    if (secret.length >= 3 && !this.secrets.includes(secret)) this.secrets.push(secret)
  }

  mask(text: string): string {
    let masked = text
    for (const secret of this.secrets) masked = masked.split(secret).join(MASK)
    return masked
  }

  emit(kind: WireKind, text: string, extra: WireExtra = {}): WireEvent {
    const event: WireEvent = {
      seq: this.seq++,
      at: this.now(),
      kind,
      text: this.mask(text),
      phase: extra.phase ?? this.phase,
      secure: this.secure,
    }
    if (extra.reply) event.reply = extra.reply
    if (extra.rtt !== undefined) event.rtt = extra.rtt
    if (extra.bytes !== undefined) event.bytes = extra.bytes
    if (extra.totalBytes !== undefined) event.totalBytes = extra.totalBytes
    if (extra.tls) event.tls = extra.tls
    try {
      this.sink?.(event)
    } catch {
      // A failing listener (a closed window, a full pipe) must not break the session.
    }
    return event
  }
}
