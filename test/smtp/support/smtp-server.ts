// An in-process smtp-server (a real SMTP server library) on 127.0.0.1, port 0, with the
// test CA's certificate for STARTTLS and implicit TLS. It records what it received and who
// logged in. The CLI and services tests build theirs on it (their support/smtp-server.ts).
import { once } from 'node:events'
import { onTestFinished } from 'vitest'
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
  /** User names that logged in, in order. */
  logins: string[]
  close(): Promise<void>
}

export interface TestServerOptions extends Partial<SMTPServerOptions> {
  host?: string
  /** Users that may log in: user name → password (or token for XOAUTH2). */
  users?: Record<string, string>
  /** The queue id in the final reply ("Ok: queued as ID"); default TESTQ1. */
  queueId?: string
  /** The text of the 550 for a refused recipient; default "5.1.1 Recipient refused by test policy". */
  refusal?: string
  /** The text of the 535 for a failed login; default "Invalid username or password". */
  authFailure?: string
}

/** Local parts starting with "reject" get 550 5.1.1, like the Postfix peer. */
const REJECT = /^reject/i

export async function startSmtpServer(options: TestServerOptions = {}): Promise<TestServer> {
  const pki = await testPki()
  const {
    host = '127.0.0.1',
    users = {},
    queueId = 'TESTQ1',
    refusal = '5.1.1 Recipient refused by test policy',
    authFailure = 'Invalid username or password',
    ...serverOptions
  } = options
  const received: Received[] = []
  const logins: string[] = []
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
      if (ok) {
        logins.push(auth.username ?? '')
        return callback(null, { user: auth.username })
      }
      if (auth.method === 'XOAUTH2') return callback(null, { data: { status: '401', schemes: 'bearer' } })
      return callback(Object.assign(new Error(authFailure), { responseCode: 535 }))
    },
    onRcptTo(address, _session, callback) {
      if (REJECT.test(address.address)) {
        return callback(Object.assign(new Error(refusal), { responseCode: 550 }))
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
        callback(null, `Ok: queued as ${queueId}`)
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
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A server for the running test, closed when the test finishes (closing it earlier is fine). */
export async function smtpServerForTest(options: TestServerOptions = {}): Promise<TestServer> {
  const server = await startSmtpServer(options)
  let closing: Promise<void> | undefined
  const close = () => (closing ??= server.close())
  onTestFinished(close)
  return { ...server, close }
}
