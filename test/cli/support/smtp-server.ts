// A real SMTP server in-process (the smtp-server package) on 127.0.0.1:0, with STARTTLS
// from the test CA, AUTH checked against one account, and the messages it received.
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'
import { testPki } from '../../support/test-ca'

export const ACCOUNT = { user: 'ann', password: 'c0rrect-h0rse-Battery' }

export interface ReceivedMessage {
  from: string
  to: string[]
  raw: string
}

export interface InProcessServer {
  port: number
  caPem: string
  messages: ReceivedMessage[]
  /** Users that logged in. */
  logins: string[]
  stop(): Promise<void>
}

export interface ServerSetup {
  /** Offer STARTTLS (default true). */
  startTls?: boolean
  /** Offer AUTH before TLS too (a server that would take a password in cleartext). */
  authWithoutTls?: boolean
  /** Recipients whose local part starts with this are refused with 550 5.1.1. */
  refusePrefix?: string
  /** Which test certificate STARTTLS presents (default: valid for 127.0.0.1, from the test CA). */
  certificate?: 'server' | 'expired' | 'selfSigned'
}

export async function inProcessServer(setup: ServerSetup = {}): Promise<InProcessServer> {
  const pki = await testPki()
  const messages: ReceivedMessage[] = []
  const logins: string[] = []
  const refuse = setup.refusePrefix ?? 'reject'
  const options: SMTPServerOptions = {
    secure: false,
    key: pki[setup.certificate ?? 'server'].key,
    cert: pki[setup.certificate ?? 'server'].cert,
    hideSTARTTLS: setup.startTls === false,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: true,
    allowInsecureAuth: setup.authWithoutTls === true,
    disabledCommands: [],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === ACCOUNT.user && auth.password === ACCOUNT.password) {
        logins.push(auth.username ?? '')
        callback(null, { user: auth.username })
      } else {
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }))
      }
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith(refuse)) {
        callback(Object.assign(new Error('5.1.1 Recipient refused'), { responseCode: 550 }))
      } else callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback(null, 'Ok: queued as INPROC1')
      })
    },
  }
  // No reverse DNS of the client: a test never asks anything of the network.
  const server = new SMTPServer({ ...options, disableReverseLookup: true })
  server.on('error', () => undefined)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    port: address.port,
    caPem: pki.ca.cert,
    messages,
    logins,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
