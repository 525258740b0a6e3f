// `mailwire send`: check the input, get the password, run one session, print it live,
// and say how it ended (result paragraph, exit code, one-line reason).
import { formatResult } from '../report/format-result'
import { safeJson } from '../report/safe-text'
import { BINARY_NEEDS, dkimSignedFactory, messageFactory, rawFileMessageFactory, type TextFileInspection } from '../message/index'
import { sendMail } from '../smtp/index'
import { conversationOptions, envelopeWith } from '../smtp/conversation'
import type { ComposeModel } from '../message/types'
import type { AuthOptions, Envelope, MessageFactory, SendResult, SessionOptions } from '../smtp/types'
import type { ConnectionArgs, MessageArgs, SendArgs } from './arg-types'
import { messageWithFlagHint } from './cli-wording'
import { checkedEnvelope, composeModelFrom } from './compose'
import { dkimFor } from './dkim'
import { exitCodeFor, reasonFor } from './exit-codes'
import { InputError } from './input-error'
import { inspectBodyFile, inspectDataFile, readUtf8 } from './input-files'
import type { CliIo } from './io'
import { identityOptions } from './identity'
import { OAUTH_TOKEN_ENV, resolvePassword, resolveSecret } from './password'
import { connectionOf, sendDocument, type CliConnection } from './session-file'
import { sessionOutput, type SessionOutput } from './session-output'
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

function serverLabel(args: ConnectionArgs): string {
  const { host, port } = args.server
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}

/** The result for the human report: the error names the flag that would get past it (JSON keeps the engine's words). */
export function inCliWords<T extends { error?: SendResult['error'] }>(result: T): T {
  return result.error ? { ...result, error: { ...result.error, message: messageWithFlagHint(result.error) } } : result
}

export interface SendOutcome {
  exitCode: number
  /** One line for stderr when the exit code is not 0. */
  reason?: string
}

/** What is checked (and asked) before anything connects: a problem here is exit 2, nothing sent. */
export interface PreparedSend {
  model: ComposeModel
  envelope: Envelope
  /** The message when it is not composed from the model: a --data-file, streamed from disk. */
  message?: MessageFactory
  auth?: AuthOptions
}

export interface SendRun {
  /** The envelope as sent (after --envelope-from and --envelope-to). */
  envelope: Envelope
  result: SendResult
  output: SessionOutput
  outcome: SendOutcome
}

/** The message checked and its envelope built; warnings about a raw message on stderr. */
export async function prepareMessage(args: MessageArgs, io: CliIo): Promise<PreparedSend> {
  const model = composeModelFrom(args)
  const dataFile = args.body?.kind === 'data-file' ? await inspectDataFile('--data-file', args.body.path) : undefined
  const bodyFile = args.body?.kind === 'file' ? await inspectBodyFile('--body-file', args.body.path) : undefined
  const envelope = checkedEnvelope(model)
  const dkim = dkimFor(args)
  const signed = (factory: MessageFactory): MessageFactory => (dkim ? dkimSignedFactory(factory, dkim) : factory)
  if (bodyFile) return { model, envelope, message: signed(bodyFileMessage(model, bodyFile)) }
  if (!dataFile) return { model, envelope, ...(dkim ? { message: signed(messageFactory(model)) } : {}) }
  const problem = dataFile.problems[0]
  if (problem) throw new InputError(`--data-file ${dataFile.path} ${problem.message}`)
  // Whether the server offers BINARYMIME is known after EHLO; without BDAT it cannot apply at all.
  if (dataFile.binary !== undefined && args.chunking === 'off') throw new InputError(`--data-file ${dataFile.path} ${dataFile.binary}: ${BINARY_NEEDS} (--chunking auto)`)
  // Sent as it is, like typing it after DATA: say what a server may object to, but send.
  for (const warning of dataFile.warnings) io.stderr.write(`mailwire: warning: --data-file ${warning}\n`)
  return { model, envelope, message: signed(rawFileMessageFactory(dataFile)) }
}

/** The model's message with its text streamed from the --body-file (never read whole). */
function bodyFileMessage(model: ComposeModel, bodyFile: TextFileInspection): MessageFactory {
  const problem = bodyFile.problems[0]
  if (problem) throw new InputError(`--body-file ${bodyFile.path} ${problem.message}`)
  return messageFactory(model, { textFile: bodyFile })
}

/** The login for --user (its password from the environment or a prompt naming `where`); none without --user. */
export async function credentialsFor(args: MessageArgs, where: string, io: CliIo): Promise<Pick<PreparedSend, 'auth'>> {
  if (args.user === undefined) return {}
  // Known before connecting: with --tls none the password could only go out in cleartext.
  if (args.tls === 'none' && !args.allowPlaintextAuth) {
    throw new InputError('--user with --tls none would send the password in cleartext: use TLS, or add --allow-plaintext-auth')
  }
  const oauth = args.authMech === 'XOAUTH2' || args.authMech === 'OAUTHBEARER'
  // An OAuth2 mechanism logs in with an access token, not the password.
  const password = oauth ? await resolveSecret(OAUTH_TOKEN_ENV, `the OAuth2 access token for ${args.user} at ${where}`, io) : await resolvePassword(args.user, where, io)
  return {
    auth: {
      user: args.user,
      password,
      ...(args.authMech ? { mechanism: args.authMech } : {}),
      ...(args.forceExtensions ? { forceMechanism: true } : {}),
    },
  }
}

/** One session, printed live. The caller prints the result (send --local adds the inbox's side). */
export async function deliver(
  args: MessageArgs,
  prepared: PreparedSend,
  connection: Omit<SessionOptions, 'onWire'>,
  io: CliIo,
): Promise<SendRun> {
  const { auth } = prepared
  const output = sessionOutput(io, args.json)
  const options: SessionOptions = {
    ...connection,
    ...(auth ? { auth } : {}),
    ...(args.allowPlaintextAuth ? { allowPlaintextAuth: true } : {}),
    ...conversationOptions(args, args.protocol),
    onWire: output.onWire,
  }
  const envelope = envelopeFor(args, prepared.envelope)
  const result = await sendMail(options, envelope, prepared.message ?? messageFactory(prepared.model))
  const context = { credentials: auth !== undefined, allowPlaintextAuth: args.allowPlaintextAuth }
  const reason = reasonFor(result, context)
  const outcome = { exitCode: exitCodeFor(result, context), ...(reason !== undefined ? { reason } : {}) }
  return { envelope, result, output, outcome }
}

/** What the protocol flags ask of the session (protocol-flags.ts). */
/** The envelope from the headers, unless --envelope-from or --envelope-to say otherwise; DSN and REQUIRETLS on it. */
export function envelopeFor(args: MessageArgs, fromHeaders: Envelope): Envelope {
  const choice = { to: args.envelopeTo, requireTls: args.requireTls, ...(args.envelopeFrom !== undefined ? { from: args.envelopeFrom } : {}), ...(args.dsn ? { dsn: args.dsn } : {}) }
  return envelopeWith(choice, fromHeaders)
}

/** The human result paragraph, after the transcript (--json writes one object instead). */
export function formatSendResult(run: SendRun): string {
  return `\n${formatResult(inCliWords(run.result), { color: run.output.color })}`
}

/** The session file --json writes (README "Session files"). */
export function sessionDocumentOf(prepared: PreparedSend, run: SendRun, connection: CliConnection) {
  const raw = prepared.message !== undefined
  return sendDocument({ connection, model: prepared.model, envelope: run.envelope, raw, transcript: run.output.transcript, result: run.result })
}

export async function runSend(args: SendArgs, io: CliIo): Promise<SendOutcome> {
  const message = await prepareMessage(args, io)
  // Read --ca before asking for a password: a bad path is exit 2 without a prompt.
  const connection = { ...connectionOptions(args, io), ...(await identityOptions(args, io)) }
  const run = await deliver(args, { ...message, ...(await credentialsFor(args, serverLabel(args), io)) }, connection, io)
  if (args.json) io.stdout.write(`${safeJson(sessionDocumentOf(message, run, connectionOf(args)), 2)}\n`)
  else io.stdout.write(formatSendResult(run))
  return run.outcome
}
