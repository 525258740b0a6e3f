// `mailwire inbox` checks each arriving message's authentication after it was answered 250,
// one message at a time (a burst of arrivals must not become a burst of DNS queries), and
// stops at once when the inbox stops: lookups in flight are cancelled, nothing more printed.
// A check waits while a message is being received: receiving comes first, and a check cost
// more than a quarter of the inbox's CPU per message under a test suite's load (issue 22),
// so during a burst the reports come once it is over.
// Arrivals faster than the checks do not pile up: the inbox keeps only its newest
// maxMessages, so an id further back than that is gone before its turn and is dropped.
import { authenticateStored, dnsResolver, type AuthenticationReport, type LocalInbox } from '../inbox/index'

export interface AuthChecker {
  check(id: string): void
  /** Cancel what is queued and in flight; resolves when the current check has ended. */
  stop(): Promise<void>
}

export function authChecker(
  inbox: Pick<LocalInbox, 'raw' | 'summary' | 'session' | 'limits' | 'quiet'>,
  dnsServers: readonly string[],
  onReport: (id: string, report: AuthenticationReport) => void,
): AuthChecker {
  const dns = dnsResolver(dnsServers)
  const queue: string[] = []
  let running: Promise<void> | undefined
  let stopped = false
  /** Ends the wait for a quiet inbox: a client stalled in DATA must not hold up stop(). */
  let wake = (): void => {}
  const quietOrStopped = (): Promise<void> =>
    new Promise((resolve) => {
      wake = resolve
      void inbox.quiet().then(resolve)
    })

  const drain = async (): Promise<void> => {
    for (;;) {
      await quietOrStopped()
      const id = queue.shift()
      if (id === undefined || stopped) break
      const report = await authenticateStored(inbox, id, dnsServers, dns.resolve).catch(() => undefined)
      if (report && !stopped) onReport(id, report)
    }
    running = undefined
  }

  return {
    check(id) {
      if (stopped) return
      queue.push(id)
      // The inbox has evicted the oldest by now (it keeps the newest maxMessages): not kept,
      // not checked, so not held either (issue 22: 10,000 arrivals queued 8,500 ids).
      if (queue.length > inbox.limits.maxMessages) queue.shift()
      running ??= drain()
    },
    async stop() {
      stopped = true
      wake()
      queue.length = 0
      dns.cancel()
      await running
    },
  }
}
