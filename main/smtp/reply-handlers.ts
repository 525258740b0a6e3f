// Who receives a reply from the connection's FIFO. pipeline() gives each command its own
// promise; a ReplyGroup gives a whole pipelined group one promise (one allocation per
// message instead of one per command, on a connection that sends thousands).
import type { SmtpError } from './errors'
import type { Reply } from './types'

export interface ReplyHandler {
  /** The reply to the command at `index` of the group this handler was given with. */
  reply(reply: Reply, index: number): void
  fail(error: SmtpError, index: number): void
}

/** A promise per command, as pipeline() returns them. */
export class PerCommandReplies implements ReplyHandler {
  readonly promises: Promise<Reply>[]
  private readonly settle: Array<{ resolve(reply: Reply): void; reject(error: SmtpError): void }> = []

  constructor(count: number) {
    this.promises = []
    for (let i = 0; i < count; i++) {
      const promise = new Promise<Reply>((resolve, reject) => this.settle.push({ resolve, reject }))
      // A pipelined command may be rejected before its turn; the caller awaits each in order.
      promise.catch(() => undefined)
      this.promises.push(promise)
    }
  }

  reply(reply: Reply, index: number): void {
    this.settle[index]!.resolve(reply)
  }

  fail(error: SmtpError, index: number): void {
    this.settle[index]!.reject(error)
  }
}

/**
 * The replies to a group of commands written together, as one promise that settles once
 * the last reply came (or on the first failure). `replies` holds what arrived so far, so a
 * caller can still see the replies before a failure (a 421 after two RCPTs...). The promise
 * is made when first asked for: a batch's envelope is often answered before anyone waits.
 */
export class ReplyGroup implements ReplyHandler {
  readonly replies: Reply[] = []
  private remaining: number
  private settled = false
  private error?: SmtpError
  private promise?: Promise<Reply[]>
  private resolve?: (replies: Reply[]) => void
  private reject?: (error: SmtpError) => void

  constructor(count: number) {
    this.remaining = count
  }

  get done(): Promise<Reply[]> {
    if (this.promise) return this.promise
    if (!this.settled) {
      this.promise = new Promise<Reply[]>((resolve, reject) => {
        this.resolve = resolve
        this.reject = reject
      })
    } else this.promise = this.error ? Promise.reject(this.error) : Promise.resolve(this.replies)
    // Rejections are read through `done` when the caller gets to it, or not at all.
    this.promise.catch(() => undefined)
    return this.promise
  }

  /**
   * Every reply, once all came and none failed: read at once, where awaiting `done` would
   * wait a turn of the microtask queue (the next message of a batch, whose envelope was
   * answered in the same read as the previous message's final dot).
   */
  get complete(): readonly Reply[] | undefined {
    return this.settled && !this.error ? this.replies : undefined
  }

  reply(reply: Reply, index: number): void {
    this.replies[index] = reply
    if (--this.remaining === 0 && !this.settled) {
      this.settled = true
      this.resolve?.(this.replies)
    }
  }

  fail(error: SmtpError): void {
    if (this.settled) return
    this.settled = true
    this.error = error
    this.reject?.(error)
  }
}

/** One reply, as a promise: the greeting, STARTTLS, the final dot, QUIT. */
export class SingleReply implements ReplyHandler {
  readonly promise: Promise<Reply>
  private resolve!: (reply: Reply) => void
  private reject!: (error: SmtpError) => void

  constructor() {
    this.promise = new Promise<Reply>((resolve, reject) => {
      this.resolve = resolve
      this.reject = reject
    })
    this.promise.catch(() => undefined)
  }

  reply(reply: Reply): void {
    this.resolve(reply)
  }

  fail(error: SmtpError): void {
    this.reject(error)
  }
}
