// The engine's public types. This file imports nothing, so the preload contract (and
// through it the renderer) can re-export these types without pulling in Node.

/** Where in the session a line belongs. */
export type Phase =
  | 'connect'
  | 'greeting'
  | 'ehlo'
  /** Building the message (the caller's factory) between EHLO/AUTH and MAIL FROM: our time, not the server's. */
  | 'prepare'
  | 'starttls'
  | 'auth'
  | 'mail'
  | 'rcpt'
  | 'data'
  | 'quit'

/** What a session waits for now, and for how long it will (a person watching wants both). */
export interface SessionWait {
  /** In words: "Connected, waiting for the greeting". */
  what: string
  phase: Phase
  /** Milliseconds since the session started (the wire clock) when the wait began. */
  since: number
  /** How long it waits before giving up; absent when nothing bounds it (our own work). */
  timeoutMs?: number
}

export type WireKind = 'client' | 'server' | 'tls' | 'info' | 'error'

/** One line of the wire log. Every byte that crosses the socket becomes one, in order. */
export interface WireEvent {
  /** 0, 1, 2 … within the session. */
  seq: number
  /** Milliseconds since the session started (monotonic clock). */
  at: number
  kind: WireKind
  /** The line without CRLF. Credentials are replaced by a mask. */
  text: string
  phase: Phase
  /** True once the line travelled inside TLS. */
  secure: boolean
  /** On server lines: the code, and the enhanced code (RFC 3463) when the line carries one. */
  reply?: { code: number; enhanced?: string }
  /** On the last line of a reply: ms between writing the command and this reply completing. */
  rtt?: number
  /** On DATA summaries and progress: message bytes written so far. */
  bytes?: number
  /** On DATA progress: total message bytes when known. */
  totalBytes?: number
  /** On DATA progress: a count that replaces the previous one (the app shows one row, updated). */
  progress?: true
  /** On the `tls` event that reports the handshake. */
  tls?: TlsInfo
}

export type SecurityMode = 'none' | 'starttls' | 'implicit' | 'auto'

/** A whole SMTP reply: one or more lines with the same code. */
export interface Reply {
  code: number
  /** RFC 3463 enhanced status code, e.g. "2.1.5", when the server sends them. */
  enhanced?: string
  /** Text of each line, without code, separator or enhanced code. */
  lines: string[]
}

export interface Capabilities {
  /** The EHLO keyword lines as received, after the first (greeting) line. */
  raw: string[]
  /** True when EHLO was refused and HELO was used: no extensions. */
  helo: boolean
  size?: number
  pipelining: boolean
  eightBitMime: boolean
  smtpUtf8: boolean
  enhancedStatusCodes: boolean
  startTls: boolean
  /** AUTH mechanisms, upper case. */
  auth: string[]
  dsn: boolean
  chunking: boolean
  /**
   * BINARYMIME (RFC 3030): a binary body may go unencoded with BDAT. What a MessageFactory
   * is given says whether this send can use it: offered, and the message goes as BDAT.
   */
  binaryMime?: boolean
  /** REQUIRETLS (RFC 8689). */
  requireTls?: boolean
}

export interface CertificateInfo {
  subject: string
  issuer: string
  altNames: string[]
  validFrom: string
  validTo: string
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint256: string
  serialNumber: string
}

export interface TlsInfo {
  protocol: string
  cipher: string
  /** Leaf first, then the chain as the server sent it. */
  certificates: CertificateInfo[]
  /** The verification verdict. */
  authorized: boolean
  /** Why verification failed, when it did (e.g. "CERT_HAS_EXPIRED"). */
  authorizationError?: string
  /** True when the user chose to accept an invalid certificate. */
  verificationSkipped: boolean
  /** How TLS began. */
  mode: 'starttls' | 'implicit'
  /** A probe past a certificate that did not verify: the CA the server presented, to trust in one step. */
  presentedCa?: PresentedCa
}

export type SmtpErrorCode =
  | 'ECONNECT'
  | 'ETIMEOUT'
  | 'ETLS'
  | 'EPROTOCOL'
  | 'EAUTH'
  | 'EENVELOPE'
  | 'EMESSAGE'
  | 'EPOLICY'
  | 'ECANCELLED'

/** The plain-data form of an SmtpError: what crosses IPC and goes into JSON. */
export interface SmtpErrorInfo {
  code: SmtpErrorCode
  message: string
  /** The command being answered when the error happened (credentials masked). */
  command?: string
  reply?: Reply
  phase?: Phase
  /** True when the failure is temporary (a 4xx reply such as 421): a later retry may work. */
  temporary?: boolean
  /**
   * The setting that would get past this failure, for each face to name in its own words
   * (a CLI flag, a profile option); the message itself names no option.
   */
  remedy?: SmtpErrorRemedy
  /** The OAuth2 server's decoded JSON error, when AUTH XOAUTH2 or OAUTHBEARER was refused with one. */
  oauth?: OAuthErrorInfo
  /** With trust-certificate: the CA at the top of the chain the server sent, when it sent one, to trust in one step. */
  presentedCa?: PresentedCa
}

/** A CA certificate a server presented (self-issued, the end of its chain): public data only. */
export interface PresentedCa {
  subject: string
  /** SHA-256 fingerprint, colon-separated hex: what the user compares before trusting it. */
  fingerprint256: string
  pem: string
}

/**
 * trust-certificate: the certificate did not verify (trust its CA, or accept it anyway).
 * allow-cleartext-auth: the password would have gone over a connection without TLS.
 * client-certificate: the server wants a (different) TLS client certificate.
 */
export type SmtpErrorRemedy = 'trust-certificate' | 'allow-cleartext-auth' | 'client-certificate'

/** The JSON error an OAuth2 server sends in a 334 during XOAUTH2 or OAUTHBEARER (RFC 7628 3.2.2). */
export interface OAuthErrorInfo {
  status: string
  scope?: string
  schemes?: string
  /** Other members of the JSON, as sent. */
  other?: Record<string, unknown>
}

export type SendStatus = 'sent' | 'partial' | 'refused' | 'failed' | 'unknown'

export interface RecipientResult {
  address: string
  /** RCPT TO was accepted (and, over LMTP, the message delivered to this recipient). */
  accepted: boolean
  /** The reply to RCPT TO. */
  reply: Reply
  /** LMTP (RFC 2033 4.2): this recipient's own reply after the final dot. */
  delivery?: Reply
}

export interface PhaseTiming {
  phase: Phase
  /** ms since session start. */
  start: number
  end: number
}

export interface SendResult {
  status: SendStatus
  recipients: RecipientResult[]
  /** The reply to the final dot (or to DATA when it was refused). */
  finalReply?: Reply
  /** Queue id extracted from the final reply, when it names one. */
  queueId?: string
  timings: PhaseTiming[]
  /** Capabilities in force when the session ended (after TLS when TLS was used). */
  capabilities?: Capabilities
  /** Capabilities seen before STARTTLS, when STARTTLS was used. */
  capabilitiesBeforeTls?: Capabilities
  tls?: TlsInfo
  error?: SmtpErrorInfo
  /** Message bytes written through DATA (after dot-stuffing) or BDAT (as they are). */
  dataBytes: number
  /** The BDAT chunks the message went in (RFC 3030); absent when it went through DATA. */
  chunks?: number
  /** ISO time the session started. */
  startedAt: string
  durationMs: number
  /**
   * Set when the session stopped with QUIT after this step because `quitAfter` asked for it.
   * Then status is 'sent' when every step up to it succeeded, and no message was sent.
   */
  stoppedAfter?: QuitAfter
  /** The stop was a hang-up without QUIT (dropAfter). */
  hungUp?: boolean
}

/** Timeouts in milliseconds. Defaults follow RFC 5321 section 4.5.3.2. */
export interface Timeouts {
  connect: number
  greeting: number
  ehlo: number
  starttls: number
  auth: number
  mail: number
  rcpt: number
  dataInit: number
  /** Between two writes of the body that the socket does not accept. */
  dataBlock: number
  dataTermination: number
  quit: number
}

export type AuthMechanism = 'PLAIN' | 'LOGIN' | 'CRAM-MD5' | 'XOAUTH2' | 'OAUTHBEARER'

export interface AuthOptions {
  user: string
  /** Password, or for XOAUTH2 and OAUTHBEARER the OAuth2 access token. Never logged. */
  password: string
  /** Choose one; by default the strongest the server offers. */
  mechanism?: AuthMechanism
  /** Use `mechanism` even when the server does not offer it (otherwise an error before AUTH). */
  forceMechanism?: boolean
}

/** TLS protocol versions a connection may be limited to. */
export type TlsVersion = '1.0' | '1.1' | '1.2' | '1.3'

/** How the TLS handshake is made: versions, ciphers, SNI, a client certificate. */
export interface TlsClientOptions {
  /** Lowest version offered (default 1.2). Below 1.2, OpenSSL's security level is lowered for this connection only. */
  minVersion?: TlsVersion
  /** Highest version offered (default 1.3). */
  maxVersion?: TlsVersion
  /** OpenSSL cipher list (TLS 1.2 and lower). */
  ciphers?: string
  /** The SNI name sent: a name, or null for none. Default: the host when it is a name. */
  sni?: string | null
  /** PEM client certificate (with its chain) and its PEM private key. */
  cert?: string
  key?: string
  /** A PKCS#12 bundle instead of cert and key. */
  pfx?: Uint8Array
  /** The passphrase of the key or the PKCS#12 bundle. Never logged. */
  passphrase?: string
}

/** A proxy the TCP connection goes through (the SMTP server sees the proxy's address). */
export interface ProxyOptions {
  /** socks5: the target's name is resolved here; socks5h: by the proxy; http: HTTP CONNECT. */
  protocol: 'socks5' | 'socks5h' | 'http'
  host: string
  port: number
  user?: string
  /** Never logged. */
  password?: string
}

/** A HAProxy PROXY header sent before anything else, for servers behind a load balancer. */
export interface ProxyHeaderOptions {
  version: 'v1' | 'v2'
  /** The client address claimed; by default our end of the connection. */
  source?: { address: string; port: number }
}

/** How the connection reaches the server and identifies itself (ConnectionOptions and SessionOptions). */
export interface ConnectionIdentity {
  tlsClient?: TlsClientOptions
  proxy?: ProxyOptions
  proxyHeader?: ProxyHeaderOptions
  /** Bind the connection's source address to this IP. */
  localAddress?: string
}

/** Where a session may stop on purpose: with QUIT (quitAfter) or by hanging up (dropAfter). */
export type QuitAfter = 'connect' | 'greeting' | 'ehlo' | 'tls' | 'auth' | 'mail' | 'rcpt' | 'data' | 'dot'
export type DropAfter = QuitAfter

/** smtp speaks EHLO; lmtp speaks LHLO and hears one reply per recipient after the message (RFC 2033). */
export type MailProtocol = 'smtp' | 'lmtp'

/** off: DATA; auto: BDAT when the server offers CHUNKING; force: BDAT even when it does not (RFC 3030). */
export type ChunkingMode = 'off' | 'auto' | 'force'

export interface SessionOptions extends ConnectionIdentity {
  host: string
  port: number
  security: SecurityMode
  /** The name sent in EHLO / HELO. */
  clientName?: string
  /** Verify the certificate and host name (default true). */
  rejectUnauthorized?: boolean
  /** PEM CA bundle to trust in addition to Node's bundled Mozilla roots (not the OS store). */
  ca?: string
  /** TLS server name when it differs from host. */
  servername?: string
  auth?: AuthOptions
  /** Allow AUTH over a connection without TLS. Off by default. */
  allowPlaintextAuth?: boolean
  timeouts?: Partial<Timeouts>
  /** Lines of message data shown as wire events before switching to a summary. */
  dataLinesShown?: number
  quitAfter?: QuitAfter
  /** Close the socket without QUIT at this step (`dot`: right after the final dot, before its reply). */
  dropAfter?: DropAfter
  /** Default smtp. */
  protocol?: MailProtocol
  /** Default off: the classic DATA. */
  chunking?: ChunkingMode
  /** Bytes per BDAT chunk (default 64 KiB). */
  chunkSize?: number
  /** auto: pipeline when PIPELINING is offered (RFC 2920); off: one command, one reply. */
  pipelining?: 'auto' | 'off'
  /** Send DSN parameters and REQUIRETLS even when the server does not offer them. */
  forceExtensions?: boolean
  signal?: AbortSignal
  onWire?: (event: WireEvent) => void
  /** Hears each wait as it begins (connecting, the greeting, a reply, a handshake). */
  onWait?: (wait: SessionWait) => void
}

/** What the user chose for the envelope; every part absent is taken from the headers. */
export interface EnvelopeChoice {
  /** The reverse path instead of From's address; '' is the null sender <> (RFC 5321 4.5.5). */
  from?: string
  /** The recipients instead of those of To, Cc and Bcc (absent or empty: theirs). */
  to?: string[]
  dsn?: DsnOptions
  requireTls?: boolean
}

/** Where to stop and how to carry the message; absent is the default (run to QUIT, DATA, pipelining when offered, offered extensions only). */
export interface ConversationChoice {
  /** QUIT after this step. */
  quitAfter?: QuitAfter
  /** Hang up without QUIT after this step (dot: right after the final dot, before its reply). */
  dropAfter?: DropAfter
  pipelining?: 'auto' | 'off'
  /** BDAT (RFC 3030): off is DATA, auto when CHUNKING is offered, force even when it is not. */
  chunking?: ChunkingMode
  /** Bytes per BDAT chunk. */
  chunkSize?: number
  /** Send DSN parameters and REQUIRETLS even when the server does not offer them. */
  forceExtensions?: boolean
}

export interface DsnOptions {
  ret?: 'FULL' | 'HDRS'
  envid?: string
  notify?: Array<'NEVER' | 'SUCCESS' | 'FAILURE' | 'DELAY'>
  /** ORCPT=rfc822;ADDRESS on each RCPT (RFC 3461 4.2), xtext-encoded. */
  orcpt?: boolean
}

export interface Envelope {
  /** The reverse path; '' is the null sender <> (RFC 5321 4.5.5: bounces). */
  from: string
  to: string[]
  dsn?: DsnOptions
  /** REQUIRETLS on MAIL FROM (RFC 8689): the message may only travel over TLS. */
  requireTls?: boolean
}

/**
 * The message as the engine consumes it. The engine asks for it once the server's
 * capabilities are known, so the composer can pick 8-bit or 7-bit encodings.
 */
export interface MessageSource {
  /**
   * A fresh stream of the message bytes (headers and body, any line endings). The engine is
   * done with each chunk (written, or copied) before it asks for the one after the next, so
   * a source may read its chunks into two buffers in turn: the engine writes one chunk while
   * the source reads the next into the other.
   */
  open(): AsyncIterable<Uint8Array>
  /**
   * The whole message, when it is in memory anyway: the engine writes it without open()'s
   * stream (open() must give the same bytes, for whoever else reads the message).
   */
  bytes?: Uint8Array
  /** Exact size in bytes when known: used for SIZE= and the pre-check. */
  size?: number
  /** The message has 8-bit content and needs BODY=8BITMIME. */
  eightBit: boolean
  /**
   * The message has binary content (RFC 3030 3: BODY=BINARYMIME): its bytes go as they are,
   * line ends included, and only in BDAT chunks. The composer sets it only when the
   * capabilities it was given have binaryMime (the server offers it and BDAT is used).
   */
  binary?: boolean
  /**
   * The message has raw UTF-8 in its headers (RFC 6532) or an address with a non-ASCII
   * local part: MAIL FROM needs the SMTPUTF8 parameter (RFC 6531 §3.4). The composer sets
   * it only when the capabilities it was given offer SMTPUTF8.
   */
  smtpUtf8?: boolean
}

export type MessageFactory = (capabilities: Capabilities) => MessageSource | Promise<MessageSource>

/** What probeServer learned: greeting, capabilities before and after TLS, the TLS details. */
export interface ProbeResult {
  host: string
  port: number
  greeting?: Reply
  /** The name sent in EHLO. */
  clientName?: string
  /** Set when STARTTLS was used: what the server offered in plaintext. */
  capabilitiesBeforeTls?: Capabilities
  /** What the server offers on the final connection (after TLS when TLS was used). */
  capabilities?: Capabilities
  tls?: TlsInfo
  error?: SmtpErrorInfo
  timings: PhaseTiming[]
  startedAt: string
  durationMs: number
  /** Which TLS versions the server accepts, each tried on its own connection (probeTlsVersions). */
  tlsVersions?: TlsVersionSupport[]
}

/** One TLS version tried alone against a server. */
export interface TlsVersionSupport {
  version: TlsVersion
  accepted: boolean
  /** The protocol and cipher when accepted; the reason otherwise. */
  detail: string
}

/** One EHLO keyword compared before and after STARTTLS (capability-diff.ts). */
export interface CapabilityChange {
  /** Upper case: "SIZE" from "SIZE 10240000". */
  keyword: string
  /** The whole line before TLS; absent when the keyword only came after. */
  before?: string
  /** The whole line after TLS; absent when the keyword disappeared. */
  after?: string
  change: 'same' | 'changed' | 'disappeared' | 'appeared'
}

/** One port and security mode of a port matrix (probe-matrix.ts). */
export interface PortMatrixCell {
  port: number
  security: Exclude<SecurityMode, 'auto'>
  /** ok: the SMTP session (and TLS when asked for) worked; failed: anything else, see detail. */
  outcome: 'ok' | 'refused' | 'timeout' | 'failed'
  /** One line: the greeting and TLS on success, the reason otherwise. */
  detail: string
  greeting?: Reply
  /** On ok cells where TLS was used. */
  tlsProtocol?: string
  /** On ok cells: whether the final EHLO offered STARTTLS. */
  startTlsOffered?: boolean
  /** On ok cells: AUTH mechanisms offered on the final connection. */
  auth?: string[]
  durationMs: number
}

/** A mail exchanger of a domain (RFC 5321 section 5.1). */
export interface MxRecord {
  exchange: string
  /** Lower is preferred. */
  priority: number
}

export interface MxLookup {
  /** As asked (maybe with non-ASCII labels). */
  domain: string
  /** The A-label form that was looked up. */
  asciiDomain: string
  /** Most preferred first; ties in name order. */
  records: MxRecord[]
  /** No MX records: mail goes to the domain's own address (RFC 5321 section 5.1, implicit MX). */
  implicit?: boolean
  /** A single "." exchange: the domain accepts no mail at all (RFC 7505). */
  nullMx?: boolean
  /** Why the lookup failed (no such domain, no answer); records is empty then. */
  error?: string
}

/** One message of a batch on one session (sendMany): its envelope, and its message composed once the capabilities are known. */
export interface BatchMessage {
  envelope: Envelope
  message: MessageFactory
}

/** What sendMany did: one SendResult per message, and the session around them. */
export interface BatchResult {
  /**
   * One result per message whose turn came, in order. When the session ends early (a
   * failure of the connection, a cancel) the messages after it have none. Empty when the
   * caller asked not to keep them (SendManyHandlers.keepResults).
   */
  results: SendResult[]
  /** Messages the server took (status 'sent' or 'partial'). */
  accepted: number
  /** The session's own failure (connect, TLS, AUTH, a 421, a timeout, a cancel): nothing after it was tried. */
  error?: SmtpErrorInfo
  capabilities?: Capabilities
  capabilitiesBeforeTls?: Capabilities
  tls?: TlsInfo
  /** The phases of the whole session. */
  timings: PhaseTiming[]
  /** Message bytes written through DATA, all messages together. */
  dataBytes: number
  startedAt: string
  durationMs: number
  /** Set when quitAfter stopped the session before the first message (connect … auth). */
  stoppedAfter?: QuitAfter
  hungUp?: boolean
}

/** One SMTP connection's target and settings (SmtpConnection). */
export interface ConnectionOptions extends ConnectionIdentity {
  host: string
  port: number
  /** TLS from the first byte (smtps, RFC 8314). */
  implicitTls?: boolean
  /** Verify the certificate and host name (default true). */
  rejectUnauthorized?: boolean
  /**
   * A certificate that fails verification is reported (an error event, tls.authorized false)
   * and the session goes on: for a probe, which sends nothing secret after STARTTLS.
   */
  continueUnverified?: boolean
  /** PEM CA bundle trusted in addition to Node's bundled Mozilla roots (tls.rootCertificates). */
  ca?: string
  /** The name the certificate must carry when it differs from host. */
  servername?: string
  timeouts?: Partial<Timeouts>
  dataLinesShown?: number
  signal?: AbortSignal
  onWire?: (event: WireEvent) => void
  /** Hears each wait as it begins (connecting, the greeting, a reply, a handshake). */
  onWait?: (wait: SessionWait) => void
}
