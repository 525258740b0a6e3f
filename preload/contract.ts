// The one contract between the main process and the renderer: channel names, the
// shapes that cross IPC, and the `window.mailwire` API. Both sides import it. It imports
// no electron and no node:* (eslint enforces this), only plain types from the engine.

import type {
  AuthMechanism,
  Phase,
  ProxyHeaderOptions,
  Reply,
  SecurityMode,
  TlsVersion,
  SendResult,
  SendStatus,
  WireEvent,
} from '../main/smtp/types'
import type { ComposeModel } from '../main/message/types'
import type { InboxFaults, InboxSession, MessageSummary, SessionSummary, StoredMessage } from '../main/inbox/types'
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
// Channels: `domain:verb` for requests, `domain:event` pushed from main.

export const CHANNELS = {
  sessionStart: 'session:start',
  sessionCancel: 'session:cancel',
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
  filesPickAttachments: 'files:pick-attachments',
  appInfo: 'app:info',
  /** Event: a menu item or the app asks the renderer to act (see AppCommand). */
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
  /** Event: a message arrived in the local test inbox (its MessageSummary). */
  inboxMessage: 'inbox:message',
  /** Event: a local inbox session ended; its record is final (its SessionSummary). */
  inboxSessionEnded: 'inbox:session-ended',
  consoleOpen: 'console:open',
  consoleSend: 'console:send',
  consoleStartTls: 'console:starttls',
  consoleAuth: 'console:auth',
  consoleData: 'console:data',
  consoleClose: 'console:close',
  consoleCancel: 'console:cancel',
  /** Event: wire events of the console's connection (a WireBatch; sessionId is the consoleId). */
  consoleWire: 'console:wire',
  /** Event: the console changed by itself (the server closed, a timeout): its ConsoleStatus. */
  consoleState: 'console:state',
  probeRun: 'probe:run',
  probeMatrix: 'probe:matrix',
  probeMx: 'probe:mx',
  probeCancel: 'probe:cancel',
  /** Event: wire events of the running probe or MX lookup (a WireBatch; sessionId is its id). */
  probeWire: 'probe:wire',
} as const

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS]

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
}

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
}

export interface SessionStarted {
  sessionId: string
}

export interface WireBatch {
  sessionId: string
  events: WireEvent[]
}

export interface SessionStateEvent {
  sessionId: string
  state: SessionState
  phase?: Phase
}

export interface SessionResultEvent {
  sessionId: string
  result: SendResult
  /** Id of the history entry the session was saved as; empty if saving failed (disk full). */
  historyId: string
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
}

export interface HistoryEntry {
  summary: HistorySummary
  transcript: WireEvent[]
  result: SendResult
  /** Whether the message was kept for the `.eml` export, and why not when it was not. */
  eml?: EmlInfo
}

export interface EmlInfo {
  kept: boolean
  /** Size of the message in bytes, when it was composed. */
  bytes?: number
  /** Why it was not kept (over the size bound, never composed). */
  reason?: string
}

export type ExportFormat = 'text' | 'json' | 'eml'

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
export type AppCommand = 'send' | 'cancel' | 'new-message' | 'flush-draft'

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
// The API the preload exposes as `window.mailwire`: one function per message.

export interface MailwireApi {
  session: {
    /**
     * EINVALID (with `field`/`fields`) for bad input, ENOTFOUND for an unknown profile,
     * EBUSY while another session runs. Then events: onState, onWire batches, onResult.
     */
    start(request: SessionStartRequest): Promise<Result<SessionStarted>>
    /** Cancels the running session (its result arrives with status failed, ECANCELLED). */
    cancel(): Promise<Result<void>>
    onWire(listener: (batch: WireBatch) => void): Unsubscribe
    onState(listener: (event: SessionStateEvent) => void): Unsubscribe
    onResult(listener: (event: SessionResultEvent) => void): Unsubscribe
  }
  profiles: {
    list(): Promise<Result<ProfilesView>>
    save(input: ProfileInput): Promise<Result<Profile>>
    remove(id: string): Promise<Result<void>>
  }
  drafts: {
    load(): Promise<Result<ComposeModel | null>>
    /** Debounce in the renderer; main writes atomically. Sessions never clear the draft. */
    save(draft: ComposeModel): Promise<Result<void>>
  }
  history: {
    list(): Promise<Result<HistorySummary[]>>
    get(id: string): Promise<Result<HistoryEntry>>
    /** Asks where to save. `eml` fails with ENOTFOUND when the message was not kept. */
    export(id: string, format: ExportFormat): Promise<Result<ExportOutcome>>
    remove(id: string): Promise<Result<void>>
  }
  files: {
    pickAttachments(): Promise<Result<PickedFile[]>>
    /** The path of a file dropped on the window (Electron's webUtils). */
    pathForFile(file: File): string
  }
  app: {
    info(): Promise<Result<AppInfo>>
    onCommand(listener: (command: AppCommand) => void): Unsubscribe
  }
  inbox: {
    /** Starts the local inbox when it is not running; its address, certificate and faults. */
    status(): Promise<Result<InboxStatus>>
    /** Received messages, newest first (starts the inbox). */
    list(): Promise<Result<MessageSummary[]>>
    /** One message with its parsed form; ENOTFOUND once it is gone. */
    get(id: string): Promise<Result<StoredMessage>>
    raw(id: string): Promise<Result<InboxRawSource>>
    /** The inbox's own record of a session (its side of the wire). */
    session(id: string): Promise<Result<InboxSession>>
    /** The fault presets in force (does not start the inbox). */
    faults(): Promise<Result<InboxFaults>>
    /** Replaces the fault presets; EINVALID names the bad field. Returns them as applied. */
    setFaults(faults: InboxFaults): Promise<Result<InboxFaults>>
    remove(id: string): Promise<Result<void>>
    clear(): Promise<Result<void>>
    /** Asks where to save attachment number `index` of the message (parsed.attachments order). */
    saveAttachment(id: string, index: number): Promise<Result<ExportOutcome>>
    /** Asks where to save the raw source as an .eml. */
    saveRaw(id: string): Promise<Result<ExportOutcome>>
    onMessage(listener: (message: MessageSummary) => void): Unsubscribe
    onSessionEnded(listener: (session: SessionSummary) => void): Unsubscribe
  }
  console: {
    /** Connects and reads the greeting. EBUSY while a console is open (one per window). */
    open(request: ConsoleOpenRequest): Promise<Result<ConsoleOutcome>>
    /**
     * Sends one typed line. EINVALID for CR, LF or NUL (nothing is written), EPOLICY for an
     * AUTH line without TLS unless allowCleartext, EBUSY while a reply is due.
     */
    send(request: ConsoleLineRequest): Promise<Result<ConsoleOutcome>>
    /** STARTTLS, the handshake (certificate checked per profile), then EHLO again. */
    startTls(consoleId: string): Promise<Result<ConsoleOutcome>>
    /** AUTH with the profile's stored password. EPOLICY without TLS unless allowCleartext. */
    auth(request: ConsoleAuthRequest): Promise<Result<ConsoleOutcome>>
    /** After a 354: the body, dot-stuffed, then CRLF.CRLF. */
    sendData(request: ConsoleDataRequest): Promise<Result<ConsoleOutcome>>
    /** QUIT (when it can be sent) and close. */
    close(consoleId: string): Promise<Result<ConsoleOutcome>>
    /** Drops the connection at once, whatever is in flight. */
    cancel(): Promise<Result<void>>
    onWire(listener: (batch: WireBatch) => void): Unsubscribe
    onState(listener: (status: ConsoleStatus) => void): Unsubscribe
  }
  probe: {
    /** Greeting, EHLO, STARTTLS, EHLO, QUIT. EBUSY while a probe or MX lookup runs. */
    run(request: ProbeRequest): Promise<Result<ProbeReport>>
    /** Every port with every security mode, at once, short timeouts. */
    matrix(request: PortMatrixRequest): Promise<Result<PortMatrixReport>>
    /** MX records of a domain, by preference; the steps appear in the probe's log. */
    lookupMx(domain: string): Promise<Result<MxLookup>>
    cancel(): Promise<Result<void>>
    onWire(listener: (batch: WireBatch) => void): Unsubscribe
  }
}
