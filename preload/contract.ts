// The one contract between the main process and the renderer: the channel map, the
// shapes that cross IPC, and the `window.mailwire` API. Both sides import it. It imports
// no electron and no node:* (eslint enforces this), only plain types from the engine.

import type {
  AuthMechanism,
  ConversationChoice,
  MailProtocol,
  Envelope,
  Phase,
  ProxyHeaderOptions,
  Reply,
  SecurityMode,
  TlsVersion,
  SendResult,
  SendStatus,
  SessionWait,
  WireEvent,
} from '../main/smtp/types'
import type { ComposeModel } from '../main/message/types'
import type { SessionDocument, SessionMessageInfo, SessionProfile } from '../main/report/session-document'
import type { MessageComparison } from '../main/report/message-diff-types'
import type { InboxFaults, InboxSession, MessageSummary, SessionSummary, StoredMessage } from '../main/inbox/types'
import type { AuthenticationReport, AuthenticationSettings } from '../main/inbox/authentication-types'
import type { DomainSecurityReport } from '../main/smtp/security/types'
import type { LoadSnapshot } from '../main/smtp/load/stats'
import type {
  Capabilities,
  CapabilityChange,
  MxLookup,
  PortMatrixCell,
  ProbeResult,
  SmtpErrorInfo,
  TlsInfo,
} from '../main/smtp/types'

export type * from '../main/smtp/types'
export type * from '../main/message/types'
// What reply codes mean, for the wire log's badges. reply-codes.ts imports nothing.
export { explainReply } from '../main/smtp/reply-codes'
// The session file and the comparison of two sessions: pure, only type imports behind them.
export type { SessionDocument, SessionKind, SessionMessageInfo, SessionProfile } from '../main/report/session-document'
export type { SessionComparison, StepChange, StepComparison } from '../main/report/session-diff'
export type { SessionStep, StepReply } from '../main/report/session-steps'
export { compareSessions } from '../main/report/session-diff'
// Sent versus arrived (message-diff-types.ts imports nothing); compared in main.
export type { BodyVerdict, HeaderChange, HeaderChangeKind, MessageComparison, PartComparison } from '../main/report/message-diff-types'
// The local test inbox's data shapes. main/inbox/types.ts imports nothing and names no Node type.
export type {
  AttachmentInfo,
  FaultName,
  HeaderLine,
  InboxFaults,
  InboxSession,
  MailboxAddress,
  MessageSummary,
  ParsedMessage,
  ReceivedEnvelope,
  SessionEvent,
  SessionSummary,
  StoredMessage,
} from '../main/inbox/types'
// The inbox's authentication check (issue 17); authentication-types.ts imports nothing.
export type { AuthenticationReport, AuthenticationSettings, AuthMethod, AuthVerdict } from '../main/inbox/authentication-types'
// The probe's mail security report of a domain (issue 17); security/types.ts imports nothing.
export type { DomainSecurityReport, MxSecurity, MtaStsPolicy, ParsedRecord, RecordLookup, TlsaRecord } from '../main/smtp/security/types'

// ---------------------------------------------------------------------------------------
// Results, never exceptions, across IPC.

export interface IpcError {
  /** An SmtpErrorCode, or one of the IPC-level codes below. */
  code: string
  message: string
  /** The field at fault, for input errors ("to[2]", "header X-Foo"). */
  field?: string
  reply?: Reply
  /** Every field at fault when the input had several problems (the first is also in `field`). */
  fields?: FieldIssue[]
}

export interface FieldIssue {
  field: string
  message: string
}

/** Codes for failures that happen before any service runs. */
export const IPC_ERROR = {
  forbiddenSender: 'EFORBIDDEN',
  invalidPayload: 'EINVALID',
  busy: 'EBUSY',
  notFound: 'ENOTFOUND',
  internal: 'EINTERNAL',
} as const

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError }

export type Unsubscribe = () => void

// ---------------------------------------------------------------------------------------
// Profiles. The renderer never sees a password: only whether one is stored.

/**
 * How a profile's connection identifies itself and travels (all optional: absent is the
 * default). Secrets (the OAuth2 token, the key's passphrase, the proxy password) are kept
 * like the password: write-only in ProfileInput, only a has… flag comes back.
 */
export interface ProfileConnection {
  /** AUTH mechanism; absent: the strongest password mechanism offered. XOAUTH2 and OAUTHBEARER log in with the stored token. */
  authMechanism?: AuthMechanism
  tlsMinVersion?: TlsVersion
  tlsMaxVersion?: TlsVersion
  /** OpenSSL cipher list, or empty. */
  tlsCiphers?: string
  /** The SNI name sent: empty for the host name, "none" for none. */
  tlsSni?: string
  /** Client certificate: PEM certificate and key files, or a PKCS#12 file. */
  tlsCertPath?: string
  tlsKeyPath?: string
  tlsPfxPath?: string
  /** socks5://[user@]host:port, socks5h://…, http://… (no password in it). */
  proxyUrl?: string
  /** Send a HAProxy PROXY header first. */
  proxyProtocol?: ProxyHeaderOptions['version']
  /** Source IP address to connect from. */
  localAddress?: string
  /** lmtp: LHLO, and one reply per recipient after the message (RFC 2033). Absent: smtp. */
  protocol?: MailProtocol
  /**
   * How long sends and probes wait for the server. Absent: the app's short limits (a
   * person is watching); `rfc5321`: the RFC's minutes (5 for the greeting, 10 for the dot).
   */
  waitLimits?: WaitLimits
  /** DKIM signing (RFC 6376) when domain, selector and key path are all set; the key is read at send time and never leaves main. */
  dkimDomain?: string
  dkimSelector?: string
  dkimKeyPath?: string
  /** Header fields to sign, comma-separated; empty: the signer's default set. */
  dkimHeaders?: string
}

export type WaitLimits = 'rfc5321'

/** The secrets a profile may keep besides the password (ProfileInput's write-only fields). */
export type ProfileSecretName = 'oauthToken' | 'tlsPassphrase' | 'proxyPassword'

export interface Profile extends ProfileConnection {
  id: string
  name: string
  host: string
  port: number
  security: SecurityMode
  username: string
  clientName: string
  allowInvalidCertificate: boolean
  allowPlaintextAuth: boolean
  /** PEM of a custom CA to trust, or empty. */
  caPem: string
  hasPassword: boolean
  /** Which of the other secrets are stored (never their values). */
  hasOauthToken?: boolean
  hasTlsPassphrase?: boolean
  hasProxyPassword?: boolean
  /**
   * `local-inbox`: the built-in local test inbox, the default on first run. Its host, port
   * and CA are the running inbox's, filled in by main when a send, a console connection or
   * a probe starts (port is 0 here; inbox.status() tells where it runs), security is
   * STARTTLS verified against the inbox's own certificate, and it cannot be edited.
   * Absent: an ordinary server.
   */
  kind?: ProfileKind
}

export type ProfileKind = 'server' | 'local-inbox'

export interface ProfileInput extends Omit<Profile, 'id' | 'hasPassword' | 'kind' | 'hasOauthToken' | 'hasTlsPassphrase' | 'hasProxyPassword'> {
  /** Absent for a new profile. */
  id?: string
  /** Write-only. Absent: unchanged. Empty string: forget the stored password. */
  password?: string
  /** Write-only, like password: the OAuth2 access token, the key's passphrase, the proxy password. */
  oauthToken?: string
  tlsPassphrase?: string
  proxyPassword?: string
}

/**
 * The fields that decide where a stored password goes and what protects it on the way.
 * Saving a change to any of them clears the stored password, unless the same save gives a
 * new one: a typo in the host must not send the kept password to another server.
 */
export const PASSWORD_BOUND_FIELDS = ['host', 'port', 'security', 'allowPlaintextAuth', 'allowInvalidCertificate', 'caPem'] as const

export type PasswordBoundField = (typeof PASSWORD_BOUND_FIELDS)[number]

/**
 * The body of the first run's message, about the local test inbox. The app replaces it
 * when another server is chosen, so it never goes elsewhere saying it went to the inbox.
 */
export const LOCAL_INBOX_WELCOME_TEXT =
  'This message went to the local test inbox built into Mailwire.\nOpen the Inbox tab to see it arrive, and the session from the server side.\n'

/** Which of those fields differ between the saved profile and the edited one (host case aside). */
export function passwordBoundChanges(saved: Pick<Profile, PasswordBoundField>, next: Pick<Profile, PasswordBoundField>): PasswordBoundField[] {
  return PASSWORD_BOUND_FIELDS.filter((field) =>
    field === 'host' ? saved.host.trim().toLowerCase() !== next.host.trim().toLowerCase() : saved[field] !== next[field],
  )
}

export interface ProfilesView {
  profiles: Profile[]
  /**
   * False when the OS offers no real secret store (Linux without a keyring: Electron's
   * `basic_text` backend). Then passwords are kept in memory for this run only, never
   * written to disk: the UI should say so next to the password field.
   */
  secretStoreAvailable: boolean
  /** The OS store in use, for the warning text (e.g. "gnome_libsecret", "basic_text"). */
  secretStoreBackend?: string
  /** The profile of the most recent session, to preselect at start. */
  lastUsedId?: string
}

// ---------------------------------------------------------------------------------------
// Sessions.

export type SessionState = 'connecting' | 'running' | 'cancelling' | 'done'

export interface SessionStartRequest {
  profileId: string
  compose: ComposeModel
  /** How this one session runs (the Send view's Advanced part); not part of the draft. */
  controls?: SessionControls
}

// ---------------------------------------------------------------------------------------
// Load sends (issue 18): N copies over C connections, the figures pushed while it runs.

export type { LoadSnapshot, LoadFailure, LatencyFigures } from '../main/smtp/load/stats'

export interface LoadStartRequest {
  profileId: string
  compose: ComposeModel
  /** Copies, 1 to MAX_LOAD_MESSAGES (main/smtp/load/limits.ts). */
  messages: number
  /** Connections at once, 1 to MAX_LOAD_CONNECTIONS. */
  connections: number
  /** The user says the server is theirs: without it only a loopback server is loaded. */
  allowRemote: boolean
}

export interface LoadStarted {
  loadId: string
}

/** The figures so far (every 250 ms or so); the last one has snapshot.done. */
export interface LoadProgressEvent {
  loadId: string
  snapshot: LoadSnapshot
}

/**
 * Step control and extensions for one session, as the CLI's flags give them (issue 14).
 * Absent parts are the defaults: no stop, pipelining when offered, DATA, offered extensions only.
 */
export type SessionControls = ConversationChoice

export interface SessionStarted {
  sessionId: string
}

/** Copy as command: the tools the Send view writes a command for. */
export const COMMAND_TOOLS = ['mailwire', 'swaks', 'curl', 'openssl'] as const
export type CommandTool = (typeof COMMAND_TOOLS)[number]

/** The message and server of the Send view, to be written as `tool`'s command (nothing is sent). */
export interface SendCommandRequest {
  profileId: string
  compose: ComposeModel
  tool: CommandTool
}

/** A shell command; every secret in it is a reference to one of `env`, never a value. */
export interface SendCommand {
  tool: CommandTool
  text: string
  /** The environment variables the command reads (the password, the token, the CA file). */
  env: string[]
}

export interface WireBatch {
  sessionId: string
  events: WireEvent[]
}

export interface SessionStateEvent {
  sessionId: string
  state: SessionState
  phase?: Phase
  /** What the session waits for now, and how long it will; absent once it is done. */
  wait?: SessionWait
}

export interface SessionResultEvent {
  sessionId: string
  result: SendResult
  /** Id of the history entry the session was saved as; empty if saving failed (disk full). */
  historyId: string
  /** Why the message was not kept for the .eml export, when it was not. */
  emlNotKept?: string
}

// ---------------------------------------------------------------------------------------
// History.

export interface HistorySummary {
  id: string
  startedAt: string
  profileName: string
  host: string
  port: number
  from: string
  recipients: number
  subject: string
  status: SendStatus
  durationMs: number
  /** The queue id the server named (result.queueId): a local inbox message has it as its id. */
  queueId?: string
  /** Why it did not end as sent: the error's code and the start of its message, for the list row. */
  error?: { code: SmtpErrorInfo['code']; message: string }
}

export interface HistoryEntry {
  summary: HistorySummary
  transcript: WireEvent[]
  result: SendResult
  /** Whether the message was kept for the `.eml` export, and why not when it was not. */
  eml?: EmlInfo
  /** Where it went (no secret), the envelope and the message's metadata: for the session file. */
  profile?: SessionProfile
  envelope?: Envelope
  message?: SessionMessageInfo
  /** What Send again needs to run the session once more: no secret, attachments as the paths sent. */
  replay?: SessionReplay
}

/** The session's request as it was made: the profile's id, the compose model, the Advanced choices. */
export interface SessionReplay {
  profileId: string
  compose: ComposeModel
  controls?: SessionControls
}

/** Send again: History entry `historyId` once more, through its own profile or `profileId`. */
export interface SendAgainRequest {
  historyId: string
  profileId?: string
}

/** A History entry's message as sent, beside the same message as it arrived. */
export interface ArrivedComparison {
  historyId: string
  /** Where the arrived copy came from: "local inbox message ID", or the .eml's file name. */
  arrivedFrom: string
  comparison: MessageComparison
}

/** A session file the user opened (File > Open session, or dropped on the window), checked. */
export interface OpenedSession {
  /** The file's name, without its folder. */
  name: string
  document: SessionDocument
}

/** A dropped file's content: the renderer reads it (no path crosses), main checks it. */
export interface SessionFileText {
  name: string
  text: string
}

export interface EmlInfo {
  kept: boolean
  /** Size of the message in bytes, when it was composed. */
  bytes?: number
  /** Why it was not kept (over the size bound, never composed). */
  reason?: string
}

export type ExportFormat = 'text' | 'json' | 'eml'

export interface HistoryExportRequest {
  id: string
  format: ExportFormat
}

export interface ExportOutcome {
  /** False when the user closed the save dialog. */
  saved: boolean
  path?: string
}

// ---------------------------------------------------------------------------------------
// Files and app.

export interface PickedFile {
  path: string
  name: string
  size: number
}

export interface AppInfo {
  version: string
  platform: string
}

/**
 * What main asks the renderer to do: menu items (File > Send is Ctrl/Cmd+Enter) and
 * `flush-draft`, sent before quitting so the debounced draft is saved at once.
 */
export type AppCommand = 'send' | 'cancel' | 'new-message' | 'flush-draft' | 'open-session'

// ---------------------------------------------------------------------------------------
// The local test inbox (main/inbox): the app runs one, started on demand.

export interface InboxStatus {
  host: string
  port: number
  /** SHA-256 fingerprint of its self-signed certificate, colon-separated hex. */
  certificateFingerprint: string
  faults: InboxFaults
  /** The SIZE it advertises (RFC 1870). */
  maxMessageBytes: number
  /** Messages it keeps; the oldest go first. */
  maxMessages: number
}

export interface InboxAttachmentRequest {
  /** The message's id. */
  id: string
  /** Which attachment, in parsed.attachments order. */
  index: number
}

export interface InboxRawSource {
  /** The source decoded as UTF-8 for display (bytes that are not become U+FFFD), up to a bound. */
  text: string
  /** Size of the whole raw source in bytes. */
  bytes: number
  /** True when `text` holds only the beginning: save the .eml for all of it. */
  truncated: boolean
}

// ---------------------------------------------------------------------------------------
// Console: SMTP typed by hand on one connection per window. Typed lines go out as typed
// (CR, LF and NUL refused); the password never leaves main (the AUTH action reads it).

export type ConsoleState = 'connecting' | 'ready' | 'waiting' | 'data' | 'closed'

export interface ConsoleStatus {
  consoleId: string
  /** ready: type a command; waiting: a reply is due; data: after 354, the message body. */
  state: ConsoleState
  profileId: string
  host: string
  port: number
  secure: boolean
  /** The EHLO name the STARTTLS action sends (the profile's, else this machine's). */
  clientName: string
  /** From the last EHLO on this connection; STARTTLS clears it until EHLO is sent again. */
  capabilities?: Capabilities
  tls?: TlsInfo
  authenticated: boolean
  /** The profile has a user name and a stored password, so the AUTH action can log in. */
  canAuthenticate: boolean
  /** AUTH now would send credentials in cleartext and the profile does not allow that: ask first. */
  cleartextAuthNeedsConsent: boolean
  lastReply?: Reply
  /** Why the connection ended, when an error ended it. */
  error?: SmtpErrorInfo
}

export interface ConsoleOpenRequest {
  profileId: string
}

export interface ConsoleLineRequest {
  consoleId: string
  /** One command line without CRLF: any verb, sent as typed. */
  line: string
  /** The user agreed that this AUTH line may go out without TLS. */
  allowCleartext?: boolean
}

export interface ConsoleAuthRequest {
  consoleId: string
  /** The user agreed to log in without TLS. */
  allowCleartext?: boolean
}

export interface ConsoleDataRequest {
  consoleId: string
  /** The message after a 354, any line endings. Dots are doubled; the final dot is added. */
  body: string
}

/** What a console action did: the reply it got, and the state after it. */
export interface ConsoleOutcome {
  status: ConsoleStatus
  reply?: Reply
  /** The step failed (AUTH refused, a timeout, the server left); the log shows the details. */
  error?: SmtpErrorInfo
}

// ---------------------------------------------------------------------------------------
// Probe: what a server offers, which ports answer, and where a domain's mail goes.

export interface ProbeRequest {
  /**
   * Take the CA, the certificate policy and the EHLO name from this profile; else the
   * system's CAs. The local inbox profile lends the running inbox's certificate.
   */
  profileId?: string
  host: string
  port: number
  security: SecurityMode
  /** Also try TLS 1.0, 1.1, 1.2 and 1.3, each on its own connection (result.tlsVersions). */
  tlsVersions?: boolean
}

export interface ProbeReport {
  probeId: string
  result: ProbeResult
  /** Before and after STARTTLS, one row per EHLO keyword; empty when STARTTLS was not used. */
  capabilityChanges: CapabilityChange[]
  /** Whole days until each certificate of result.tls expires (negative once expired), in order. */
  certificateDaysLeft: Array<number | null>
}

export interface PortMatrixRequest {
  profileId?: string
  host: string
  /** 25, 465 and 587 by default. */
  ports?: number[]
}

export interface PortMatrixReport {
  host: string
  /** One cell per port and security mode (none, starttls, implicit), ports in order. */
  cells: PortMatrixCell[]
}

// ---------------------------------------------------------------------------------------
// The map: every channel and what crosses it, `domain:verb` for requests and `domain:event`
// for what main pushes. The preload's `window.mailwire` (MAILWIRE_API below), the types of
// the handlers (main/ipc/guard.ts) and of the event sink all derive from these two, so a
// handler, a service or a method that disagrees with them fails typecheck.

/** Request channels: the one payload the renderer sends (undefined: none), and what main resolves in a Result. */
export interface Invokes {
  'session:start': { request: SessionStartRequest; response: SessionStarted }
  'session:cancel': { request: undefined; response: void }
  /** Send again: the entry's message, envelope and choices, through its profile or another; then events as for start. */
  'session:send-again': { request: SendAgainRequest; response: SessionStarted }
  /** Copy as command: composed in main, so no secret reaches the window (see SendCommand). */
  'session:command': { request: SendCommandRequest; response: SendCommand }
  'profiles:list': { request: undefined; response: ProfilesView }
  'profiles:save': { request: ProfileInput; response: Profile }
  'profiles:remove': { request: string; response: void }
  'draft:load': { request: undefined; response: ComposeModel | null }
  'draft:save': { request: ComposeModel; response: void }
  'history:list': { request: undefined; response: HistorySummary[] }
  'history:get': { request: string; response: HistoryEntry }
  'history:export': { request: HistoryExportRequest; response: ExportOutcome }
  'history:remove': { request: string; response: void }
  /** Asks for a session file in main's own dialog and reads it; null when the user cancelled. */
  'history:open-file': { request: undefined; response: OpenedSession | null }
  /** Checks a session file's text (a file dropped on the window) as opening it would. */
  'history:read-file': { request: SessionFileText; response: OpenedSession }
  /** The entry's message as sent against the local inbox's copy (the entry's queue id). */
  'history:sent-vs-arrived': { request: string; response: ArrivedComparison }
  /** The entry's message as sent against an .eml chosen in main's dialog; null when cancelled. */
  'history:compare-eml': { request: string; response: ArrivedComparison | null }
  'files:pick-attachments': { request: undefined; response: PickedFile[] }
  /** Paths of files dropped on the window; main asks the user to confirm them in its own dialog. */
  'files:confirm-dropped': { request: string[]; response: PickedFile[] }
  'app:info': { request: undefined; response: AppInfo }
  'inbox:status': { request: undefined; response: InboxStatus }
  'inbox:list': { request: undefined; response: MessageSummary[] }
  'inbox:get': { request: string; response: StoredMessage }
  'inbox:raw': { request: string; response: InboxRawSource }
  'inbox:session': { request: string; response: InboxSession }
  'inbox:faults': { request: undefined; response: InboxFaults }
  'inbox:set-faults': { request: InboxFaults; response: InboxFaults }
  'inbox:remove': { request: string; response: void }
  'inbox:clear': { request: undefined; response: void }
  'inbox:save-attachment': { request: InboxAttachmentRequest; response: ExportOutcome }
  'inbox:save-raw': { request: string; response: ExportOutcome }
  'inbox:authenticate': { request: string; response: AuthenticationReport }
  'inbox:auth-settings': { request: undefined; response: AuthenticationSettings }
  'inbox:set-auth-settings': { request: AuthenticationSettings; response: AuthenticationSettings }
  'console:open': { request: ConsoleOpenRequest; response: ConsoleOutcome }
  'console:send': { request: ConsoleLineRequest; response: ConsoleOutcome }
  'console:starttls': { request: string; response: ConsoleOutcome }
  'console:auth': { request: ConsoleAuthRequest; response: ConsoleOutcome }
  'console:data': { request: ConsoleDataRequest; response: ConsoleOutcome }
  'console:close': { request: string; response: ConsoleOutcome }
  'console:cancel': { request: undefined; response: void }
  'probe:run': { request: ProbeRequest; response: ProbeReport }
  'probe:matrix': { request: PortMatrixRequest; response: PortMatrixReport }
  'probe:mx': { request: string; response: MxLookup }
  'probe:domain': { request: string; response: DomainSecurityReport }
  'probe:cancel': { request: undefined; response: void }
  'load:start': { request: LoadStartRequest; response: LoadStarted }
  'load:cancel': { request: undefined; response: void }
}

/** Event channels: the payload main pushes to the page. */
export interface Events {
  'session:wire': WireBatch
  'session:state': SessionStateEvent
  'session:result': SessionResultEvent
  /** A menu item or the app asks the renderer to act. */
  'app:command': AppCommand
  /** A message arrived in the local test inbox. */
  'inbox:message': MessageSummary
  /** A local inbox session ended; its record is final. */
  'inbox:session-ended': SessionSummary
  /** Wire events of the console's connection (sessionId is the consoleId). */
  'console:wire': WireBatch
  /** The console changed by itself (the server closed, a timeout). */
  'console:state': ConsoleStatus
  /** Wire events of the running probe or MX lookup (sessionId is its id). */
  'probe:wire': WireBatch
  /** The running load send's figures. */
  'load:progress': LoadProgressEvent
}

export type InvokeChannel = keyof Invokes
export type EventChannel = keyof Events
export type Channel = InvokeChannel | EventChannel
export type RequestOf<C extends InvokeChannel> = Invokes[C]['request']
export type ResponseOf<C extends InvokeChannel> = Invokes[C]['response']

/** Names for the channels, for code that names one (services push events, tests call handlers). */
export const CHANNELS = {
  sessionStart: 'session:start',
  sessionCancel: 'session:cancel',
  sessionCommand: 'session:command',
  sessionSendAgain: 'session:send-again',
  sessionWire: 'session:wire',
  sessionState: 'session:state',
  sessionResult: 'session:result',
  profilesList: 'profiles:list',
  profilesSave: 'profiles:save',
  profilesRemove: 'profiles:remove',
  draftLoad: 'draft:load',
  draftSave: 'draft:save',
  historyList: 'history:list',
  historyGet: 'history:get',
  historyExport: 'history:export',
  historyRemove: 'history:remove',
  historyOpenFile: 'history:open-file',
  historyReadFile: 'history:read-file',
  historySentVsArrived: 'history:sent-vs-arrived',
  historyCompareEml: 'history:compare-eml',
  filesPickAttachments: 'files:pick-attachments',
  filesConfirmDropped: 'files:confirm-dropped',
  appInfo: 'app:info',
  appCommand: 'app:command',
  inboxStatus: 'inbox:status',
  inboxList: 'inbox:list',
  inboxGet: 'inbox:get',
  inboxRaw: 'inbox:raw',
  inboxSession: 'inbox:session',
  inboxFaults: 'inbox:faults',
  inboxSetFaults: 'inbox:set-faults',
  inboxRemove: 'inbox:remove',
  inboxClear: 'inbox:clear',
  inboxSaveAttachment: 'inbox:save-attachment',
  inboxSaveRaw: 'inbox:save-raw',
  inboxAuthenticate: 'inbox:authenticate',
  inboxAuthSettings: 'inbox:auth-settings',
  inboxSetAuthSettings: 'inbox:set-auth-settings',
  inboxMessage: 'inbox:message',
  inboxSessionEnded: 'inbox:session-ended',
  consoleOpen: 'console:open',
  consoleSend: 'console:send',
  consoleStartTls: 'console:starttls',
  consoleAuth: 'console:auth',
  consoleData: 'console:data',
  consoleClose: 'console:close',
  consoleCancel: 'console:cancel',
  consoleWire: 'console:wire',
  consoleState: 'console:state',
  probeRun: 'probe:run',
  probeMatrix: 'probe:matrix',
  probeMx: 'probe:mx',
  probeCancel: 'probe:cancel',
  probeDomain: 'probe:domain',
  probeWire: 'probe:wire',
  loadStart: 'load:start',
  loadCancel: 'load:cancel',
  loadProgress: 'load:progress',
} as const satisfies Record<string, Channel>

// ---------------------------------------------------------------------------------------
// `window.mailwire`: one method per channel. The preload builds the object from this table
// and MailwireApi, the renderer's type for it, is derived from it.

/** A method that invokes `channel`. `pack` makes its one payload of several arguments. */
export interface InvokeMethod<C extends InvokeChannel = InvokeChannel, A extends unknown[] = unknown[]> {
  readonly kind: 'invoke'
  readonly channel: C
  readonly pack?: (...args: A) => RequestOf<C>
}

/** A method that subscribes a listener to `channel` and returns its Unsubscribe. */
export interface ListenMethod<C extends EventChannel = EventChannel> {
  readonly kind: 'listen'
  readonly channel: C
}

/** The arguments of a method whose payload is its one argument (none when it takes none). */
type ArgumentsFor<Request> = [Request] extends [undefined] ? [] : [request: Request]

/** A method of the table that invokes `channel`; its payload is its argument, or what `pack` makes. */
export function invokes<C extends InvokeChannel>(channel: C): InvokeMethod<C, ArgumentsFor<RequestOf<C>>>
export function invokes<C extends InvokeChannel, A extends unknown[]>(channel: C, pack: (...args: A) => RequestOf<C>): InvokeMethod<C, A>
export function invokes(channel: InvokeChannel, pack?: (...args: never[]) => unknown) {
  return pack ? { kind: 'invoke', channel, pack } : { kind: 'invoke', channel }
}

/** A method of the table that subscribes to the event `channel`. */
export function listensTo<C extends EventChannel>(channel: C): ListenMethod<C> {
  return { kind: 'listen', channel }
}

export const MAILWIRE_API = {
  session: {
    /**
     * EINVALID (with `field`/`fields`) for bad input, ENOTFOUND for an unknown profile,
     * EBUSY while another session runs. Then events: onState, onWire batches, onResult.
     */
    start: invokes('session:start'),
    /** Cancels the running session (its result arrives with status failed, ECANCELLED). */
    cancel: invokes('session:cancel'),
    /** The message and server as a mailwire, swaks or curl command, or the connection as openssl s_client; EINVALID as start gives it. */
    command: invokes('session:command'),
    /** ENOTFOUND for an entry saved without its message (older entries) or a profile since deleted; EBUSY as for start. */
    sendAgain: invokes('session:send-again', (historyId: string, profileId?: string) => ({ historyId, ...(profileId !== undefined ? { profileId } : {}) })),
    onWire: listensTo('session:wire'),
    onState: listensTo('session:state'),
    onResult: listensTo('session:result'),
  },
  profiles: {
    list: invokes('profiles:list'),
    save: invokes('profiles:save'),
    remove: invokes('profiles:remove'),
  },
  drafts: {
    load: invokes('draft:load'),
    /** Debounce in the renderer; main writes atomically. Sessions never clear the draft. */
    save: invokes('draft:save'),
  },
  history: {
    list: invokes('history:list'),
    get: invokes('history:get'),
    /** Asks where to save. `eml` fails with ENOTFOUND when the message was not kept. */
    export: invokes('history:export', (id: string, format: ExportFormat) => ({ id, format })),
    remove: invokes('history:remove'),
    /** File > Open session (Ctrl/Cmd+O): main's open dialog, the file checked; EINVALID says what is wrong with it. */
    openFile: invokes('history:open-file'),
    /** A session file dropped on the window, as text; EINVALID says what is wrong with it. */
    readFile: invokes('history:read-file', (name: string, text: string) => ({ name, text })),
    /** Sent versus arrived: the entry's kept message against the local inbox's copy; ENOTFOUND when either is gone. */
    sentVsArrived: invokes('history:sent-vs-arrived'),
    /** The entry's kept message against an .eml the user chooses in main's dialog. */
    compareEml: invokes('history:compare-eml'),
  },
  files: {
    /** Opens the OS picker; the chosen files become attachments main will read. */
    pickAttachments: invokes('files:pick-attachments'),
  },
  app: {
    info: invokes('app:info'),
    /** Menu items, and `flush-draft` before quitting (see AppCommand). */
    onCommand: listensTo('app:command'),
  },
  inbox: {
    /** Starts the local inbox when it is not running; its address, certificate and faults. */
    status: invokes('inbox:status'),
    /** Received messages, newest first (starts the inbox). */
    list: invokes('inbox:list'),
    /** One message with its parsed form; ENOTFOUND once it is gone. */
    get: invokes('inbox:get'),
    raw: invokes('inbox:raw'),
    /** The inbox's own record of a session (its side of the wire). */
    session: invokes('inbox:session'),
    /** The fault presets in force (does not start the inbox). */
    faults: invokes('inbox:faults'),
    /** Replaces the fault presets; EINVALID names the bad field. Returns them as applied. */
    setFaults: invokes('inbox:set-faults'),
    remove: invokes('inbox:remove'),
    clear: invokes('inbox:clear'),
    /** Asks where to save attachment number `index` of the message (parsed.attachments order). */
    saveAttachment: invokes('inbox:save-attachment', (id: string, index: number) => ({ id, index })),
    /** Asks where to save the raw source as an .eml. */
    saveRaw: invokes('inbox:save-raw'),
    /** DKIM, SPF, DMARC and ARC verdicts of a kept message, looked up now through the DNS servers set (the system's by default). */
    authenticate: invokes('inbox:authenticate'),
    authSettings: invokes('inbox:auth-settings'),
    /** EINVALID names a server that is not IP[:PORT]. Returns the settings as applied. */
    setAuthSettings: invokes('inbox:set-auth-settings'),
    onMessage: listensTo('inbox:message'),
    onSessionEnded: listensTo('inbox:session-ended'),
  },
  console: {
    /** Connects and reads the greeting. EBUSY while a console is open (one per window). */
    open: invokes('console:open'),
    /**
     * Sends one typed line. EINVALID for CR, LF or NUL (nothing is written), EPOLICY for an
     * AUTH line without TLS unless allowCleartext, EBUSY while a reply is due.
     */
    send: invokes('console:send'),
    /** STARTTLS, the handshake (certificate checked per profile), then EHLO again. The payload is the consoleId. */
    startTls: invokes('console:starttls'),
    /** AUTH with the profile's stored password. EPOLICY without TLS unless allowCleartext. */
    auth: invokes('console:auth'),
    /** After a 354: the body, dot-stuffed, then CRLF.CRLF. */
    sendData: invokes('console:data'),
    /** QUIT (when it can be sent) and close. The payload is the consoleId. */
    close: invokes('console:close'),
    /** Drops the connection at once, whatever is in flight. */
    cancel: invokes('console:cancel'),
    onWire: listensTo('console:wire'),
    onState: listensTo('console:state'),
  },
  probe: {
    /** Greeting, EHLO, STARTTLS, EHLO, QUIT. EBUSY while a probe or MX lookup runs. */
    run: invokes('probe:run'),
    /** Every port with every security mode, at once, short timeouts. */
    matrix: invokes('probe:matrix'),
    /** MX records of a domain, by preference; the steps appear in the probe's log. */
    lookupMx: invokes('probe:mx'),
    /** The domain's mail security report: SPF, DMARC, MTA-STS, TLS-RPT, DANE, and each MX's STARTTLS judged against them. */
    domainSecurity: invokes('probe:domain'),
    cancel: invokes('probe:cancel'),
    onWire: listensTo('probe:wire'),
  },
  load: {
    /** EINVALID for bad input or a server not on loopback without allowRemote, EBUSY while one runs. */
    start: invokes('load:start'),
    /** Stops every connection; a last onProgress has done and cancelled. */
    cancel: invokes('load:cancel'),
    onProgress: listensTo('load:progress'),
  },
}

/** The function a table entry becomes: invoke resolves a Result, listen returns its Unsubscribe. */
export type MethodOf<M> =
  M extends InvokeMethod<infer C, infer A>
    ? (...args: A) => Promise<Result<ResponseOf<C>>>
    : M extends ListenMethod<infer C>
      ? (listener: (payload: Events[C]) => void) => Unsubscribe
      : never

type ApiTable = typeof MAILWIRE_API

/** The API the preload exposes as `window.mailwire`. */
export type MailwireApi = { [N in keyof ApiTable]: { [M in keyof ApiTable[N]]: MethodOf<ApiTable[N][M]> } } & {
  files: {
    /**
     * Files dropped on the window: the preload finds their paths (Electron's webUtils) and
     * main asks the user to confirm them in its own dialog. Resolves with the files
     * confirmed (none when the user declined, or when nothing dropped was a file on disk).
     */
    attachDropped(files: readonly File[]): Promise<Result<PickedFile[]>>
  }
}
