// The greeting without smtp-server's early-talker pause. smtp-server (3.21.6; no option
// for it upstream) waits a fixed 100 ms before the 220, so that a spam bot that talks
// first can be caught ("421 You talk too soon"). A test inbox on loopback catches no one
// that way, and the pause costs every session 100 ms: 1,000 one-message sessions ten at a
// time spent 10 s waiting for it. test/inbox/greeting.test.ts checks that it stays gone.
import type { SMTPServer } from 'smtp-server'

type Connection = SMTPServer['connections'] extends Set<infer C> ? C : never

/**
 * Call right after smtp-server's init() (SMTPServer.connect): runs the ready step (onConnect,
 * then the greeting) now, and makes the call that init()'s 100 ms timer will make a no-op.
 */
export function greetAtOnce(connection: Connection): void {
  // Already refused (over maxClients), or implicit TLS still handshaking (init() waits for
  // it before its timer starts): leave those to smtp-server.
  if (connection._closing || connection.needsUpgrade) return
  const ready = connection.connectionReady.bind(connection)
  connection.connectionReady = () => {}
  ready()
}
