// Waits that must end when the connection fails (a timeout, a cancel, a close): the DNS
// lookup, the TCP connect, the handshake, a source of message bytes, a socket write.
import type { SmtpError } from './errors'

export class FailureRace {
  private readonly waiters = new Set<(error: SmtpError) => void>()

  /** `failure` tells whether the connection already failed. */
  constructor(private readonly failure: () => SmtpError | undefined) {}

  /** Race a promise against the connection failing. */
  guard<T>(promise: Promise<T>): Promise<T> {
    const failed = this.failure()
    if (failed) {
      promise.catch(() => undefined)
      return Promise.reject(failed)
    }
    return new Promise<T>((resolve, reject) => {
      const waiter = (error: SmtpError) => reject(error)
      this.waiters.add(waiter)
      promise.then(
        (value) => {
          this.waiters.delete(waiter)
          resolve(value)
        },
        (error: unknown) => {
          this.waiters.delete(waiter)
          reject(error)
        },
      )
    })
  }

  /** The connection failed: every wait under way rejects with `error`. */
  rejectAll(error: SmtpError): void {
    for (const waiter of [...this.waiters]) waiter(error)
    this.waiters.clear()
  }
}
