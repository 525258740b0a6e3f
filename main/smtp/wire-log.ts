// The stream of wire events of one session: numbering (seq), monotonic time since the
// session began (at), the current phase, whether TLS is on, and masking of secrets.
import { monotonicMs } from './monotonic-clock'
import type { Phase, PhaseTiming, Reply, WireEvent, WireKind } from './types'

/** What replaces a credential in every line we show. */
export const MASK = '****'

export type WireExtra = Partial<Pick<WireEvent, 'phase' | 'reply' | 'rtt' | 'bytes' | 'totalBytes' | 'progress' | 'tls'>>

const NO_EXTRA: WireExtra = Object.freeze({})

export class WireLog {
  secure = false
  /** False when nobody listens: then no event is built at all (the session runs the same). */
  readonly listening: boolean
  private current: Phase = 'connect'
  private seq = 0
  private readonly origin = monotonicMs()
  private readonly secrets: string[] = []
  private readonly spans: PhaseTiming[] = [{ phase: 'connect', start: 0, end: 0 }]

  constructor(private readonly sink?: (event: WireEvent) => void) {
    this.listening = sink !== undefined
  }

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

  /** The phase span in progress, to pass to timingsFrom() later. */
  get spanIndex(): number {
    return this.spans.length - 1
  }

  /**
   * The phases from span `index` on, the first cut to start no earlier than `from` and the
   * one in progress ending at `to` (now by default): the timings of one message among many
   * on a session.
   */
  timingsFrom(index: number, from: number, to = this.now()): PhaseTiming[] {
    const last = this.spans.length - 1
    const spans: PhaseTiming[] = []
    for (let i = index; i <= last; i++) {
      const span = this.spans[i]!
      spans.push({ phase: span.phase, start: Math.max(span.start, from), end: i === last ? Math.max(span.start, to) : span.end })
    }
    return spans
  }

  /** Milliseconds since the session started, microsecond resolution. */
  now(): number {
    return Math.round((monotonicMs() - this.origin) * 1000) / 1000
  }

  /**
   * A string that must never appear in any event (a password, its base64 form): a second
   * line of defence behind the masked display text each AUTH step provides.
   */
  addSecret(secret: string): void {
    if (secret.length < 3 || this.secrets.includes(secret)) return
    this.secrets.push(secret)
    // Longest first: a PLAIN blob holds the password's own base64 at its end, and masked
    // short-first it would show as "AHUA****", a prefix that gives the user name away.
    this.secrets.sort((a, b) => b.length - a.length)
  }

  /** The reply with every secret masked in its lines; the same object when none holds one. */
  maskReply<R extends Reply>(reply: R): R {
    if (this.secrets.length === 0) return reply
    const lines = reply.lines.map((line) => this.mask(line))
    return lines.every((line, i) => line === reply.lines[i]) ? reply : { ...reply, lines }
  }

  mask(text: string): string {
    let masked = text
    for (let i = 0; i < this.secrets.length; i++) {
      const secret = this.secrets[i]!
      if (masked.includes(secret)) masked = masked.split(secret).join(MASK)
    }
    return masked
  }

  emit(kind: WireKind, text: string, extra: WireExtra = NO_EXTRA): void {
    if (!this.sink) return
    const event: WireEvent = {
      seq: this.seq++,
      at: this.now(),
      kind,
      text: this.mask(text),
      phase: extra.phase ?? this.current,
      secure: this.secure,
    }
    if (extra.reply) event.reply = extra.reply
    if (extra.rtt !== undefined) event.rtt = extra.rtt
    if (extra.bytes !== undefined) event.bytes = extra.bytes
    if (extra.totalBytes !== undefined) event.totalBytes = extra.totalBytes
    if (extra.progress) event.progress = true
    if (extra.tls) event.tls = extra.tls
    this.deliver(event)
  }

  /** Commands as written, each in its phase, after the notes that explain them (info events). */
  emitCommands(entries: readonly { display: string; phase: Phase }[], notes?: readonly string[]): void {
    if (!this.sink) return
    if (notes) for (const note of notes) this.emit('info', note, { phase: entries[0]!.phase })
    for (const entry of entries) this.emit('client', entry.display, { phase: entry.phase })
  }

  /**
   * A line of message data as the client sends it: the same event as emit('client', text, { phase: 'data' }),
   * built directly. `at`: the time its lines were written (now() when they went out).
   */
  emitData(text: string, at: number): void {
    if (!this.sink) return
    this.deliver({ seq: this.seq++, at, kind: 'client', text: this.mask(text), phase: 'data', secure: this.secure })
  }

  /**
   * A server line, which carries its reply code (and the round trip on a reply's last line).
   * `at`: when the read that brought it came (now() then).
   */
  emitServer(text: string, phase: Phase, reply: { code: number; enhanced?: string }, rtt: number | undefined, at: number): void {
    if (!this.sink) return
    const event: WireEvent = { seq: this.seq++, at, kind: 'server', text: this.mask(text), phase, secure: this.secure, reply }
    if (rtt !== undefined) event.rtt = rtt
    this.deliver(event)
  }

  private deliver(event: WireEvent): void {
    try {
      this.sink!(event)
    } catch {
      // A failing listener (a closed window, a full pipe) must not break the session.
    }
  }
}
