// The commands waiting for their replies, oldest first, and the deadline of the oldest.
// Replies are matched to commands in order (nodemailer's FIFO design), so pipelined
// commands (RFC 2920) need nothing special. One timer bounds the wait for the oldest reply:
// moving the deadline to the next command is a field update, not a new timer per reply.
import { monotonicMs } from './monotonic-clock'
import type { DescribedCommand } from './command-line'
import type { SmtpError } from './errors'
import type { ReplyHandler } from './reply-handlers'
import type { ReplyLine } from './reply-parser'
import type { WireLog } from './wire-log'

/** A command as the FIFO needs it: what to show and how long its reply may take, never the line itself (it may hold a credential). */
export interface PendingEntry extends Omit<DescribedCommand, 'line'> {
  /** STARTTLS: after a 220, stop reading plaintext at once. */
  upgrade?: boolean
}

export interface Pending extends PendingEntry {
  sentAt: number
  handler: ReplyHandler
  /** Position in the group it was written with (the handler's index). */
  index: number
}

/** Fail the replies of a group that never reached the FIFO. */
export function failGroup(entries: readonly unknown[], handler: ReplyHandler, error: SmtpError): void {
  for (let i = 0; i < entries.length; i++) handler.fail(error, i)
}

export class ReplyQueue {
  private readonly pending: Pending[] = []
  /** When the oldest pending reply is overdue (monotonicMs() ms); 0 when none is pending. */
  private deadline = 0
  private timer?: NodeJS.Timeout
  /** When `timer` fires; it is replaced only when a deadline comes before that. */
  private timerAt = 0

  /** `overdue` hears the oldest command whose reply did not come in time; `waiting`, each new oldest one. */
  constructor(
    private readonly overdue: (head: Pending) => void,
    private readonly waiting?: (head: Pending) => void,
  ) {}

  get head(): Pending | undefined {
    return this.pending[0]
  }

  get length(): number {
    return this.pending.length
  }

  /** Handlers into the FIFO, in order. True when the queue was empty (the first one sets the phase). */
  push(entries: readonly PendingEntry[], handler: ReplyHandler, sentAt: number): boolean {
    const wasIdle = this.pending.length === 0
    for (let index = 0; index < entries.length; index++) {
      const { verb, display, phase, timeoutMs, upgrade } = entries[index]!
      this.pending.push({ verb, display, phase, timeoutMs, upgrade, sentAt, handler, index })
    }
    if (wasIdle) this.arm()
    return wasIdle
  }

  /** The oldest command, which a reply answers; the next one gets its full timeout from now (RFC 5321 4.5.3.2). */
  shift(): Pending | undefined {
    const head = this.pending.shift()
    this.arm()
    return head
  }

  /**
   * A server line in the log, in the phase of the command it answers, with the round trip on
   * a reply's last line. `readAt`: when the read that brought it came (wire.now()).
   */
  showLine(line: ReplyLine, wire: WireLog, readAt: number): void {
    if (!wire.listening) return
    const head = this.pending[0]
    const reply = line.enhanced ? { code: line.code, enhanced: line.enhanced } : { code: line.code }
    const rtt = line.final && head ? Math.round((readAt - head.sentAt) * 1000) / 1000 : undefined
    wire.emitServer(line.raw, head?.phase ?? wire.phase, reply, rtt, readAt)
  }

  /** Every pending reply fails with `error`; the timer stops. */
  failAll(error: SmtpError): void {
    this.stop()
    for (const entry of this.pending.splice(0)) entry.handler.fail(error, entry.index)
  }

  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.deadline = 0
  }

  private arm(): void {
    const head = this.pending[0]
    if (!head) {
      this.deadline = 0
      return
    }
    this.waiting?.(head)
    const now = monotonicMs()
    this.deadline = now + head.timeoutMs
    // A timer that fires later than the new deadline must go; an earlier one re-arms itself.
    if (this.timer && this.timerAt <= this.deadline) return
    this.setTimer(head.timeoutMs, now)
  }

  private setTimer(delay: number, now: number): void {
    clearTimeout(this.timer)
    this.timerAt = now + delay
    this.timer = setTimeout(this.onTimer, delay)
  }

  private onTimer = (): void => {
    this.timer = undefined
    const head = this.pending[0]
    if (!head || this.deadline === 0) return
    const now = monotonicMs()
    const left = this.deadline - now
    // Timers may fire a little early on the loop's cached clock: wait out the rest.
    if (left > 0) return this.setTimer(Math.ceil(left), now)
    this.overdue(head)
  }
}
