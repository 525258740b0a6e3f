// The steps before any mail transaction, shared by sendMail and sendMany: the options that
// go into commands checked, then greeting, EHLO, TLS as the security mode asks, and AUTH.
import { authenticate } from './auth/index'
import { SmtpConnection } from './connection'
import { defaultClientName } from './client-name'
import { checkCommandArgument } from './envelope-commands'
import { SmtpError } from './errors'
import { greet, hello, negotiateTls, usesImplicitTls } from './session-setup'
import type { Capabilities, ConnectionIdentity, QuitAfter, SessionOptions } from './types'

/** Thrown to stop after the step quitAfter (with QUIT) or dropAfter (hanging up, `drop`) names. */
export class StopRequested {
  constructor(
    readonly step: QuitAfter,
    readonly drop = false,
  ) {}
}

/** A check to call after each step: throws StopRequested when quitAfter or dropAfter names one of `steps`. */
export function stopsAt(options: Pick<SessionOptions, 'quitAfter' | 'dropAfter'>): (...steps: QuitAfter[]) => void {
  return (...steps) => {
    if (options.dropAfter && steps.includes(options.dropAfter)) throw new StopRequested(options.dropAfter, true)
    if (options.quitAfter && steps.includes(options.quitAfter)) throw new StopRequested(options.quitAfter)
  }
}

export interface OpenedSession {
  /** In force for the transactions (after TLS when TLS was used). */
  capabilities: Capabilities
  /** Seen before STARTTLS, when STARTTLS was used. */
  capabilitiesBeforeTls?: Capabilities
}

/** The connection a session's options describe (not connected yet). */
export function connectionFor(options: SessionOptions): SmtpConnection {
  return new SmtpConnection({
    host: options.host,
    port: options.port,
    implicitTls: usesImplicitTls(options.security, options.port),
    rejectUnauthorized: options.rejectUnauthorized,
    ca: options.ca,
    servername: options.servername,
    timeouts: options.timeouts,
    dataLinesShown: options.dataLinesShown,
    signal: options.signal,
    onWire: options.onWire,
    onWait: options.onWait,
    ...identityOf(options),
  })
}

/** The identity options (TLS client settings, proxy, PROXY header, source address) a connection takes. */
export function identityOf(options: ConnectionIdentity): ConnectionIdentity {
  const { tlsClient, proxy, proxyHeader, localAddress } = options
  return {
    ...(tlsClient ? { tlsClient } : {}),
    ...(proxy ? { proxy } : {}),
    ...(proxyHeader ? { proxyHeader } : {}),
    ...(localAddress !== undefined ? { localAddress } : {}),
  }
}

/** The session options that go into commands, checked before a byte is written. */
export function checkSessionOptions(options: SessionOptions): void {
  const { clientName, auth } = options
  if (clientName !== undefined) {
    checkCommandArgument('the EHLO name', clientName, 'EPROTOCOL')
    if (!/^[\x21-\x7e]+$/.test(clientName)) {
      throw new SmtpError('EPROTOCOL', `the EHLO name must be one domain or address literal without spaces (got ${JSON.stringify(clientName)})`)
    }
  }
  if (auth) checkCommandArgument('the user name', auth.user, 'EAUTH')
}

/**
 * Greeting, EHLO (HELO fallback), TLS, AUTH. `seen` hears the capabilities as soon as they
 * are known (a failure later still reports them); quitAfter's session steps throw
 * StopRequested.
 */
export async function openSession(
  connection: SmtpConnection,
  options: SessionOptions,
  seen: (session: OpenedSession) => void,
): Promise<OpenedSession> {
  const stopIf = stopsAt(options)
  if (options.dropAfter === 'connect') {
    // Hang up before the greeting: what a server does with a client that says nothing.
    await connection.open()
    throw new StopRequested('connect', true)
  }
  await greet(connection)
  stopIf('connect', 'greeting')
  const clientName = options.clientName ?? defaultClientName(connection.localAddress)
  const protocol = options.protocol ?? 'smtp'
  const plain = await hello(connection, clientName, protocol)
  seen({ capabilities: plain })
  stopIf('ehlo')
  const tls = await negotiateTls(
    connection,
    {
      security: options.security,
      port: options.port,
      credentials: options.auth !== undefined,
      allowPlaintextAuth: options.allowPlaintextAuth === true,
    },
    plain,
    clientName,
    protocol,
  )
  const session: OpenedSession = { capabilities: tls.capabilities, ...(tls.before ? { capabilitiesBeforeTls: tls.before } : {}) }
  seen(session)
  stopIf('tls')
  if (options.auth) {
    connection.wire.setPhase('auth')
    if (!connection.secure && !options.allowPlaintextAuth) {
      throw new SmtpError('EPOLICY', 'refusing to send the password over a connection without TLS; nothing was sent', {
        phase: 'auth',
        remedy: 'allow-cleartext-auth',
      })
    }
    await authenticate(connection, options.auth, session.capabilities.auth)
  }
  stopIf('auth')
  return session
}

/** Wait for the caller's code (a message factory, a transaction source), but not past a cancel. */
export function abortable<T>(connection: SmtpConnection, signal: AbortSignal | undefined, promise: Promise<T>): Promise<T> {
  if (!signal) return promise
  return new Promise<T>((resolve, reject) => {
    // The connection heard the abort first and made the error (and its wire event).
    const onAbort = () => reject(connection.error ?? new SmtpError('ECANCELLED', `cancelled during ${connection.wire.phase}`))
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

/** The message factory's result; a failure there is EMESSAGE, nothing sent. */
export async function composeMessage<T>(factory: () => T | Promise<T>): Promise<T> {
  try {
    return await factory()
  } catch (error) {
    throw composeFailure(error)
  }
}

/** What a message factory threw, as the error of the message. */
export function composeFailure(error: unknown): SmtpError {
  if (error instanceof SmtpError) return error
  const why = error instanceof Error ? error.message : String(error)
  return new SmtpError('EMESSAGE', `could not compose the message: ${why}; nothing was sent`, { phase: 'mail', cause: error })
}
