// The CLI tests' server: the in-process smtp-server of test/smtp/support on 127.0.0.1:0,
// with STARTTLS from the test CA, AUTH PLAIN/LOGIN checked against one account, and the
// messages it received as text.
import { testPki } from '../../support/test-ca'
import { startSmtpServer } from '../../smtp/support/smtp-server'

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
  /** Which test certificate STARTTLS presents (default: valid for 127.0.0.1, from the test CA). */
  certificate?: 'server' | 'expired' | 'selfSigned'
}

export async function inProcessServer(setup: ServerSetup = {}): Promise<InProcessServer> {
  const pki = await testPki()
  const certificate = pki[setup.certificate ?? 'server']
  const server = await startSmtpServer({
    key: certificate.key,
    cert: certificate.cert,
    hideSTARTTLS: setup.startTls === false,
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: setup.authWithoutTls === true,
    users: { [ACCOUNT.user]: ACCOUNT.password },
    queueId: 'INPROC1',
    refusal: '5.1.1 Recipient refused',
  })
  return {
    port: server.port,
    caPem: pki.ca.cert,
    get messages() {
      return server.received.map(({ from, to, raw }) => ({ from, to, raw: raw.toString('utf8') }))
    },
    logins: server.logins,
    stop: () => server.close(),
  }
}
