// A real SMTP server in-process (smtp-server) on 127.0.0.1:0: STARTTLS with the test
// CA, AUTH PLAIN/LOGIN for one account (only after TLS), the messages it received, and
// an optional hold at MAIL FROM so a test can catch a session in the middle.
import { SMTPServer } from 'smtp-server'
import { testPki } from '../../support/test-ca'

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
  const messages: string[] = []
  const heldCallbacks: Array<() => void> = []
  let onHeld: (() => void) | undefined
  const heldOnce = new Promise<void>((resolve) => (onHeld = resolve))

  const server = new SMTPServer({
    secure: false,
    // No reverse DNS of the client: a test never asks anything of the network.
    disableReverseLookup: true,
    key: pki.server.key,
    cert: pki.server.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === ACCOUNT.user && auth.password === ACCOUNT.password) callback(null, { user: auth.username })
      else callback(Object.assign(new Error('5.7.8 Authentication failed'), { responseCode: 535 }))
    },
    onMailFrom(_address, _session, callback) {
      if (!options.holdAtMailFrom) return callback()
      heldCallbacks.push(() => callback())
      onHeld?.()
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('reject')) callback(Object.assign(new Error('5.1.1 Recipient refused'), { responseCode: 550 }))
      else callback()
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        messages.push(Buffer.concat(chunks).toString('utf8'))
        callback(null, 'Ok: queued as SVC1')
      })
    },
  })
  server.on('error', () => undefined)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.server.address()
  if (address === null || typeof address === 'string') throw new Error('smtp-server has no port')
  const release = () => {
    for (const proceed of heldCallbacks.splice(0)) proceed()
  }
  return {
    port: address.port,
    caPem: pki.ca.cert,
    messages,
    held: () => heldOnce,
    release,
    stop: () =>
      new Promise<void>((resolve) => {
        release()
        server.close(() => resolve())
      }),
  }
}
