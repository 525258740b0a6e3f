// The session file (main/report/session-document.ts) as the CLI writes it with --json:
// the profile from the flags (never the password or token), the envelope, the message's
// metadata, the transcript and the result or the probe.
import type { ComposeModel } from '../message/types'
import { messageInfoOf, SESSION_FORMAT, type SessionDocument, type SessionProfile } from '../report/session-document'
import type { Envelope, MxLookup, ProbeResult, SecurityMode, SendResult, WireEvent } from '../smtp/types'
import type { ConnectionArgs } from './arg-types'
import { version } from './version'

/** What --json writes from the flags: where and how it connected. */
export interface CliConnection {
  host: string
  port: number
  tls: SecurityMode
  insecure?: boolean
  /** A CA other than Node's roots was trusted (--ca, the local inbox's own). */
  customCa?: boolean
  helo?: string
  user?: string
  authMech?: string
  allowPlaintextAuth?: boolean
}

export function cliProfile(connection: CliConnection): SessionProfile {
  return {
    host: connection.host,
    port: connection.port,
    security: connection.tls,
    ...(connection.user !== undefined ? { username: connection.user } : {}),
    ...(connection.helo !== undefined ? { clientName: connection.helo } : {}),
    ...(connection.authMech !== undefined ? { authMechanism: connection.authMech } : {}),
    ...(connection.insecure ? { allowInvalidCertificate: true } : {}),
    ...(connection.allowPlaintextAuth ? { allowPlaintextAuth: true } : {}),
    ...(connection.customCa ? { customCa: true } : {}),
  }
}

export function connectionOf(args: ConnectionArgs & { user?: string; authMech?: string; allowPlaintextAuth?: boolean }): CliConnection {
  return { ...args, host: args.server.host, port: args.server.port, customCa: args.caPath !== undefined }
}

const writtenBy = () => `mailwire-cli ${version()}`

export function sendDocument(session: {
  connection: CliConnection
  model: ComposeModel
  envelope: Envelope
  raw: boolean
  transcript: WireEvent[]
  result: SendResult
}): SessionDocument {
  const { result } = session
  const model = session.raw ? { ...session.model, raw: '' } : session.model
  return {
    format: SESSION_FORMAT,
    kind: 'send',
    writtenBy: writtenBy(),
    startedAt: result.startedAt,
    profile: cliProfile(session.connection),
    envelope: session.envelope,
    message: messageInfoOf(model, result.dataBytes),
    transcript: session.transcript,
    result,
  }
}

/** A probe; without `probe` when --mx found no exchanger to probe. */
export function probeDocument(connection: CliConnection, transcript: WireEvent[], probe: ProbeResult | undefined, mx?: MxLookup): SessionDocument {
  return {
    format: SESSION_FORMAT,
    kind: 'probe',
    writtenBy: writtenBy(),
    startedAt: probe?.startedAt ?? new Date().toISOString(),
    profile: cliProfile(connection),
    transcript,
    ...(probe ? { probe } : {}),
    ...(mx ? { mx } : {}),
  }
}
