// `mailwire send`: check the input, get the password, run one session, print it live,
// and say how it ended (result paragraph, exit code, one-line reason).
import { formatResult } from '../report/format-result'
import { safeJson } from '../report/safe-text'
import { inspectRawMessage, messageFactory } from '../message/index'
import { sendMail } from '../smtp/index'
import type { AuthOptions, SendResult, SessionOptions } from '../smtp/types'
import type { ConnectionArgs, SendArgs } from './args'
import { cliWording } from './cli-wording'
import { checkedEnvelope, composeModelFrom } from './compose'
import { exitCodeFor, reasonFor } from './exit-codes'
import { InputError } from './input-error'
import { readUtf8 } from './input-files'
import type { CliIo } from './io'
import { resolvePassword } from './password'
import { sessionOutput } from './session-output'
import { everyTimeout } from './timeouts'

/** Session options shared by send and probe. */
export function connectionOptions(args: ConnectionArgs, io: CliIo): Omit<SessionOptions, 'onWire'> {
  const timeouts = everyTimeout(args.timeoutMs)
  return {
    host: args.server.host,
    port: args.server.port,
    security: args.tls,
    rejectUnauthorized: !args.insecure,
    ...(args.caPath !== undefined ? { ca: readUtf8('--ca', args.caPath) } : {}),
    ...(args.helo !== undefined ? { clientName: args.helo } : {}),
    ...(timeouts ? { timeouts } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
  }
}

export function serverLabel(args: ConnectionArgs): string {
  const { host, port } = args.server
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}

async function authFor(args: SendArgs, io: CliIo): Promise<AuthOptions | undefined> {
  if (args.user === undefined) return undefined
  // Known before connecting: with --tls none the password could only go out in cleartext.
  if (args.tls === 'none' && !args.allowPlaintextAuth) {
    throw new InputError('--user with --tls none would send the password in cleartext: use TLS, or add --allow-plaintext-auth')
  }
  return { user: args.user, password: await resolvePassword(args.user, serverLabel(args), io) }
}

/** The result for the human report: the error message names flags (JSON keeps the engine's words). */
export function inCliWords<T extends { error?: SendResult['error'] }>(result: T): T {
  return result.error ? { ...result, error: { ...result.error, message: cliWording(result.error.message) } } : result
}

export interface SendOutcome {
  exitCode: number
  /** One line for stderr when the exit code is not 0. */
  reason?: string
}

export async function runSend(args: SendArgs, io: CliIo): Promise<SendOutcome> {
  const model = composeModelFrom(args)
  const envelope = checkedEnvelope(model)
  const base = connectionOptions(args, io)
  if (model.raw !== undefined) {
    // Sent as it is, like typing it after DATA: say what a server may object to, but send.
    for (const warning of inspectRawMessage(model.raw).warnings) io.stderr.write(`mailwire: warning: --data-file ${warning}\n`)
  }
  const auth = await authFor(args, io)
  const output = sessionOutput(io, args.json)
  const options: SessionOptions = {
    ...base,
    ...(auth ? { auth } : {}),
    ...(args.allowPlaintextAuth ? { allowPlaintextAuth: true } : {}),
    ...(args.quitAfter ? { quitAfter: args.quitAfter } : {}),
    onWire: output.onWire,
  }
  const result = await sendMail(options, envelope, messageFactory(model))
  if (args.json) io.stdout.write(`${safeJson({ transcript: output.transcript, result }, 2)}\n`)
  else io.stdout.write(`\n${formatResult(inCliWords(result), { color: output.color })}`)
  const context = { credentials: auth !== undefined, allowPlaintextAuth: args.allowPlaintextAuth }
  const exitCode = exitCodeFor(result, context)
  const reason = reasonFor(result, context)
  return { exitCode, ...(reason !== undefined ? { reason: cliWording(reason) } : {}) }
}
