// The idle timeout, shortened while every client slot is taken. smtp-server reads its
// socketTimeout option each time it arms a socket's timer, so changing the option and
// re-arming the open connections is all it takes; smtp-server's own timeout handler still
// decides (a client waiting for a reply the inbox owes it is never timed out).
import type { SMTPServer } from 'smtp-server'

export interface IdleTimeouts {
  /** The usual idle timeout (RFC 5321's five minutes and then some). */
  normalMs: number
  /** While full: limits.fullIdleTimeoutMs. */
  fullMs: number
  maxClients: number
  /** The current slow-replies delay: a client waits that long for each reply, quiet. */
  replyDelayMs: () => number
}

export class IdleTimeout {
  private armedMs: number

  constructor(
    private readonly server: SMTPServer,
    private readonly timeouts: IdleTimeouts,
  ) {
    this.armedMs = timeouts.normalMs
    server.options.socketTimeout = this.armedMs
  }

  /** After a client came or went, or the slow-replies delay changed. */
  update(): void {
    const { normalMs, fullMs, maxClients, replyDelayMs } = this.timeouts
    const full = this.server.connections.size >= maxClients
    const wanted = full ? Math.min(normalMs, fullMs + replyDelayMs()) : normalMs
    if (wanted === this.armedMs) return
    this.armedMs = wanted
    this.server.options.socketTimeout = wanted
    // Timers armed before count from now with the new length.
    for (const connection of this.server.connections) if (!connection._closing) connection._armTimeout()
  }
}
