// The one session file: what `mailwire send --json`, `mailwire probe --json` and the app's
// History JSON export write, and what the app and `mailwire diff` open. Versioned by its
// `format`, so a reader can tell ours from a foreign JSON and an older one from a newer one.
// Types only, plus pure helpers: the renderer reads these shapes through the contract.
import type { ComposeModel } from '../message/types'
import type { Envelope, MxLookup, ProbeResult, SecurityMode, SendResult, WireEvent } from '../smtp/types'

export const SESSION_FORMAT = 'mailwire-session/1'

export type SessionKind = 'send' | 'probe'

/** Where the session went and how, without any secret: no password, token, passphrase or key. */
export interface SessionProfile {
  /** The app's profile name; absent from the CLI. */
  name?: string
  host: string
  port: number
  security: SecurityMode
  /** The AUTH user, when the session logged in. */
  username?: string
  /** The name sent in EHLO, when it was set. */
  clientName?: string
  authMechanism?: string
  /** True when certificate checks were turned off (--insecure, "allow invalid certificate"). */
  allowInvalidCertificate?: boolean
  allowPlaintextAuth?: boolean
  /** True when a custom CA was trusted (its PEM is not copied). */
  customCa?: boolean
}

/** What was sent, without its body: the headers a reader asks about first. */
export interface SessionMessageInfo {
  from: string
  to: string[]
  cc: string[]
  bcc: string[]
  subject: string
  /** File names only. */
  attachments: string[]
  /** Names of the extra headers given. */
  headers: string[]
  /** True when the message was sent as typed or read (raw mode, --data-file). */
  raw: boolean
  /** Message bytes written through DATA or BDAT. */
  bytes?: number
}

export interface SessionDocument {
  format: typeof SESSION_FORMAT
  kind: SessionKind
  /** Who wrote it: "mailwire-cli 1.2.0" or "mailwire-app 1.2.0". */
  writtenBy: string
  startedAt: string
  profile: SessionProfile
  /** The SMTP envelope (send only). */
  envelope?: Envelope
  message?: SessionMessageInfo
  /** Every wire event, in order, credentials already masked. */
  transcript: WireEvent[]
  /** send: how the session ended. */
  result?: SendResult
  /** probe: what the server offers. */
  probe?: ProbeResult
  /** probe --mx: the lookup that chose the server. */
  mx?: MxLookup
}

/** The session's outcome in one word: the send status, or ok / the error code of a probe. */
export function sessionOutcome(document: Pick<SessionDocument, 'result' | 'probe'>): string {
  if (document.result) return document.result.status
  if (document.probe) return document.probe.error ? `failed (${document.probe.error.code})` : 'ok'
  return 'none'
}

/** "host:port", with brackets around an IPv6 address. */
export function sessionServer(profile: Pick<SessionProfile, 'host' | 'port'>): string {
  return profile.host.includes(':') ? `[${profile.host}]:${profile.port}` : `${profile.host}:${profile.port}`
}

/** The message's metadata from what was composed: no body, attachment names without their folders. */
export function messageInfoOf(model: ComposeModel, bytes?: number): SessionMessageInfo {
  return {
    from: model.from,
    to: [...model.to],
    cc: [...model.cc],
    bcc: [...model.bcc],
    subject: model.subject,
    attachments: model.attachments.map((file) => file.filename ?? (file.path ?? '').split(/[\\/]/).pop() ?? ''),
    headers: model.headers.map((header) => header.name),
    raw: model.raw !== undefined,
    ...(bytes !== undefined ? { bytes } : {}),
  }
}
