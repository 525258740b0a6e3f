// The local test inbox's public types. This file imports nothing, so the IPC contract
// (and through it the renderer) can re-export them without pulling in Node.

/** One address of a parsed header; groups are flattened into their members. */
export interface MailboxAddress {
  name: string
  address: string
}

/** An attachment as the inbox describes it. Its bytes stay in the raw source. */
export interface AttachmentInfo {
  filename?: string
  contentType: string
  /** `attachment` or `inline`, when the part says so. */
  disposition?: string
  contentId?: string
  /** Decoded size in bytes. */
  size: number
  /** SHA-256 of the decoded content, lower-case hex. */
  sha256: string
  /** MIME part number (e.g. "2", "1.2"): where the part sits in the raw source. */
  partId?: string
}

/** A header line exactly as it appears in the message (folded lines included). */
export interface HeaderLine {
  /** Lower-case header name. */
  key: string
  line: string
}

/** The message as mailparser reads it. Bodies are bounded; the raw source never is. */
export interface ParsedMessage {
  from: MailboxAddress[]
  to: MailboxAddress[]
  cc: MailboxAddress[]
  bcc: MailboxAddress[]
  replyTo: MailboxAddress[]
  subject?: string
  /** The Date header, ISO 8601, when it parses. */
  date?: string
  messageId?: string
  text?: string
  /** The HTML body as sent: untrusted, show it only in a sandboxed frame. */
  html?: string
  /** True when the text body was cut at the parsed-body limit (the raw source has it all). */
  textTruncated: boolean
  htmlTruncated: boolean
  attachments: AttachmentInfo[]
  headers: HeaderLine[]
  /** True when there were more header lines than the inbox keeps in parsed form. */
  headersTruncated: boolean
  /** Why parsing stopped early, when it did. The raw source is kept regardless. */
  parseError?: string
}

/** The SMTP envelope the client gave (MAIL FROM / RCPT TO), not the headers. */
export interface ReceivedEnvelope {
  /** Empty string for the null sender `<>`. */
  mailFrom: string
  rcptTo: string[]
  bodyType: '7bit' | '8bitmime'
  smtpUtf8: boolean
}

/** What the inbox list shows. */
export interface MessageSummary {
  id: string
  /** The session that delivered the message: `session(sessionId)`. */
  sessionId: string
  /** ISO time the final dot arrived and the message was stored. */
  receivedAt: string
  /** Size of the raw source in bytes, as received (after un-dot-stuffing). */
  size: number
  envelope: ReceivedEnvelope
  from?: MailboxAddress
  to: MailboxAddress[]
  subject?: string
  /** The session was inside TLS when the message arrived. */
  secure: boolean
  /** The user name the client authenticated with (test credentials), when it did. */
  authUser?: string
}

export interface StoredMessage extends MessageSummary {
  parsed: ParsedMessage
}

/**
 * One line of the inbox's own side of a session. `in`: a line the client sent;
 * `out`: a line the inbox replied; `info`: the inbox's note (TLS started, message
 * bytes received, a fault acting, the connection closing).
 */
export interface SessionEvent {
  /** Milliseconds since the client connected (monotonic clock). */
  at: number
  direction: 'in' | 'out' | 'info'
  /** The line without CRLF. AUTH payloads are replaced by a mask. */
  text: string
}

export type FaultName = 'refuseRecipient' | 'greeting421' | 'rcpt451' | 'slowReplies' | 'disconnectMidData'

export interface SessionSummary {
  id: string
  /** ISO time the client connected. */
  startedAt: string
  /** ISO time the connection closed; absent while the session is live. */
  endedAt?: string
  messageIds: string[]
  /** Faults that changed what this session saw. */
  faults: FaultName[]
}

export interface InboxSession extends SessionSummary {
  client: { address: string; port: number }
  /** The name the client gave in EHLO / HELO. */
  heloName?: string
  tls?: { protocol: string; cipher: string }
  /** Any user name and password are accepted; the password is never kept. */
  auth?: { method: string; username: string; testCredentials: true }
  events: SessionEvent[]
  /** True when the session had more lines than the inbox records. */
  eventsTruncated: boolean
}

/**
 * Fault presets, switched on at runtime for learning and for testing what Mailwire
 * shows. Absent (or false / empty) means off.
 */
export interface InboxFaults {
  /**
   * Refuse recipients that match with `550 5.1.1`. `*` matches any run of characters,
   * case does not matter; without an `@` the pattern is matched against the local part
   * only (`reject*` refuses reject@…, reject-me@…).
   */
  refuseRecipient?: string
  /** Answer every connection with `421 4.3.2` instead of the greeting, then close. */
  greeting421?: boolean
  /** Answer every RCPT TO with `451 4.3.0`. */
  rcpt451?: boolean
  /** Delay every reply (greeting included) by this many milliseconds. */
  slowReplies?: number
  /** Close the connection once at least this many bytes of message data have arrived. */
  disconnectMidData?: number
}

export interface InboxLimits {
  /** Messages kept; the oldest go first. */
  maxMessages: number
  /** Bytes kept on disk for messages (raw and parsed); the oldest go first. */
  maxStoreBytes: number
  /** The SIZE the inbox advertises and enforces (RFC 1870). */
  maxMessageBytes: number
  /** Sessions kept when no kept message refers to them. */
  maxSessions: number
  /** Clients connected at once; one more is answered 421 and closed. */
  maxClients: number
  /** While maxClients are connected, the idle timeout (ms) instead of five minutes. */
  fullIdleTimeoutMs: number
}

export interface LocalInboxOptions {
  /** Folder for messages, sessions and the certificate (created when missing). */
  dataDir: string
  /** Default 127.0.0.1. The inbox is for this machine only. */
  host?: string
  /** Default 0: a free port, read it back from `inbox.port`. */
  port?: number
  faults?: InboxFaults
  /** Accept AUTH before STARTTLS (off by default, as on a real server). */
  allowInsecureAuth?: boolean
  limits?: Partial<InboxLimits>
}

export type Unsubscribe = () => void
