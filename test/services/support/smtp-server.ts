// The services tests' server: the in-process smtp-server of test/smtp/support on
// 127.0.0.1:0, with STARTTLS from the test CA, AUTH PLAIN/LOGIN for one account (only after
// TLS), the messages it received as text, and an optional hold at MAIL FROM so a test can
// catch a session in the middle.
import { testPki } from '../../support/test-ca'
import { startSmtpServer as startServer } from '../../smtp/support/smtp-server'

export const ACCOUNT = { user: 'alice', password: 'Tr0ub4dor&3-not-in-any-file' }

export interface TestSmtpServer {
  port: number
  caPem: string
  /** Raw messages received, in order. */
  messages: string[]
  /** Resolves when a session is held at MAIL FROM (with holdAtMailFrom). */
  held(): Promise<void>
  /** Let held sessions go on. */
  release(): void
  stop(): Promise<void>
}

export async function startSmtpServer(options: { holdAtMailFrom?: boolean } = {}): Promise<TestSmtpServer> {
  const pki = await testPki()
  const heldCallbacks: Array<() => void> = []
  let onHeld: (() => void) | undefined
  const heldOnce = new Promise<void>((resolve) => (onHeld = resolve))
  const server = await startServer({
    authMethods: ['PLAIN', 'LOGIN'],
    users: { [ACCOUNT.user]: ACCOUNT.password },
    queueId: 'SVC1',
    refusal: '5.1.1 Recipient refused',
    authFailure: '5.7.8 Authentication failed',
    onMailFrom(_address, _session, callback) {
      if (!options.holdAtMailFrom) return callback()
      heldCallbacks.push(() => callback())
      onHeld?.()
    },
  })
  const release = () => {
    for (const proceed of heldCallbacks.splice(0)) proceed()
  }
  return {
    port: server.port,
    caPem: pki.ca.cert,
    get messages() {
      return server.received.map((message) => message.raw.toString('utf8'))
    },
    held: () => heldOnce,
    release,
    stop: () => {
      release()
      return server.close()
    },
  }
}
