// An in-process smtp-server (a real SMTP server library) on 127.0.0.1, port 0, with the
// test CA's certificate for STARTTLS and implicit TLS. It records what it received.
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server'
import { testPki } from '../../support/test-ca'

export interface Received {
  from: string
  to: string[]
  /** The message bytes as the server delivered them (dot-unstuffed, terminator removed). */
  raw: Buffer
  mailArgs: Record<string, string | true> | false
  rcptArgs: Array<Record<string, string | true> | false>
  secure: boolean
  bodyType?: string
  smtpUtf8?: boolean
  user?: unknown
}

export interface TestServer {
  host: string
  port: number
  received: Received[]
  close(): Promise<void>
}

export interface TestServerOptions extends Partial<SMTPServerOptions> {
  host?: string
  /** Users that may log in: user name → password (or token for XOAUTH2). */
  users?: Record<string, string>
}

/** Local parts starting with "reject" get 550 5.1.1, like the Postfix peer. */
const REJECT = /^reject/i

export async function startSmtpServer(options: TestServerOptions = {}): Promise<TestServer> {
  const pki = await testPki()
  const { host = '127.0.0.1', users = {}, ...serverOptions } = options
  const received: Received[] = []
  const server = new SMTPServer({
    logger: false,
    disableReverseLookup: true,
    authOptional: true,
    key: pki.server.key,
    cert: pki.server.cert,
    onAuth(auth, _session, callback) {
      const expected = users[auth.username ?? '']
      const ok =
        expected !== undefined &&
        (auth.method === 'CRAM-MD5'
          ? auth.validatePassword(expected)
          : auth.method === 'XOAUTH2'
            ? auth.accessToken === expected
            : auth.password === expected)
      if (ok) return callback(null, { user: auth.username })
      if (auth.method === 'XOAUTH2') return callback(null, { data: { status: '401', schemes: 'bearer' } })
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }))
    },
    onRcptTo(address, _session, callback) {
      if (REJECT.test(address.address)) {
        return callback(Object.assign(new Error('5.1.1 Recipient refused by test policy'), { responseCode: 550 }))
      }
      callback()
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const envelope = session.envelope
        received.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks),
          mailArgs: envelope.mailFrom ? envelope.mailFrom.args : false,
          rcptArgs: envelope.rcptTo.map((rcpt) => rcpt.args),
          secure: session.secure,
          ...(envelope.bodyType !== undefined ? { bodyType: envelope.bodyType } : {}),
          ...(envelope.smtpUtf8 !== undefined ? { smtpUtf8: envelope.smtpUtf8 } : {}),
          user: session.user,
        })
        if ((stream as unknown as { sizeExceeded: boolean }).sizeExceeded) {
          return callback(Object.assign(new Error('Message exceeds fixed maximum message size'), { responseCode: 552 }))
        }
        callback(null, 'Ok: queued as TESTQ1')
      })
    },
    ...serverOptions,
  })
  server.on('error', () => undefined)
  server.listen(0, host)
  await once(server.server, 'listening')
  const { port } = server.server.address() as AddressInfo
  return {
    host,
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
