// probeServer: what does this server offer? Greeting, EHLO, STARTTLS when offered (or TLS
// from the first byte), EHLO again, QUIT. Never rejects: a failure is in result.error.
import { defaultClientName } from './client-name'
import { SmtpConnection } from './connection'
import { SmtpError } from './errors'
import { identityOf } from './session-open'
import { invalidOptions, reportFailure } from './session-run'
import { greet, hello, negotiateTls, usesImplicitTls } from './session-setup'
import type { ProbeResult, SessionOptions } from './types'

export type { ProbeResult } from './types'

export type ProbeOptions = Omit<SessionOptions, 'auth' | 'allowPlaintextAuth' | 'quitAfter' | 'dataLinesShown'>

export async function probeServer(options: ProbeOptions): Promise<ProbeResult> {
  const started = Date.now()
  try {
    return await runProbe(options, started)
  } catch (error) {
    // Only malformed options get here: still a result, never a rejection.
    return {
      host: String(options?.host),
      port: Number(options?.port),
      timings: [],
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      error: invalidOptions(error, 'probe'),
    }
  }
}

async function runProbe(options: ProbeOptions, started: number): Promise<ProbeResult> {
  const connection = new SmtpConnection({
    host: options.host,
    port: options.port,
    implicitTls: usesImplicitTls(options.security, options.port),
    rejectUnauthorized: options.rejectUnauthorized,
    // Nothing secret follows STARTTLS in a probe: report a bad certificate and go on to the
    // second EHLO, so the user sees what the server offers under TLS (issue 14 point 7).
    continueUnverified: true,
    ca: options.ca,
    servername: options.servername,
    timeouts: options.timeouts,
    signal: options.signal,
    onWire: options.onWire,
    ...identityOf(options),
  })
  const result: ProbeResult = {
    host: options.host,
    port: options.port,
    timings: [],
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
  }
  try {
    if (options.clientName !== undefined && !/^[\x21-\x7e]+$/.test(options.clientName)) {
      throw new SmtpError('EPROTOCOL', `the EHLO name must be one name without spaces or control characters (got ${JSON.stringify(options.clientName)})`)
    }
    await greet(connection).finally(() => {
      if (connection.greeting) result.greeting = connection.greeting
    })
    const clientName = options.clientName ?? defaultClientName(connection.localAddress)
    result.clientName = clientName
    const plain = await hello(connection, clientName)
    result.capabilities = plain
    const outcome = await negotiateTls(
      connection,
      { security: options.security, port: options.port, credentials: false, allowPlaintextAuth: false },
      plain,
      clientName,
    )
    if (outcome.before) result.capabilitiesBeforeTls = outcome.before
    result.capabilities = outcome.capabilities
  } catch (error) {
    result.error = reportFailure(connection, error)
  }
  await connection.close()
  if (connection.tls) result.tls = connection.tls
  result.timings = connection.wire.timings()
  result.durationMs = Date.now() - started
  return result
}
