// The inbox's own side of one SMTP session, line by line, as it happened.
//
// Where the lines come from (smtp-server does not hand out its raw lines):
// - client lines: the command hook in server.ts sees each line the moment the parser
//   dispatches it, before any slow-replies delay, so its time is its arrival time;
// - replies: smtp-server's protocol logger, which it calls with the exact payload right
//   after writing it to the socket (and only when it was written);
// - notes: the server's hooks (TLS, message data, faults, close).
// Message data is not recorded line by line: the raw message is kept whole instead.
import { performance } from 'node:perf_hooks'
import { MASK } from '../smtp/wire-log'
import { MAX_SESSION_EVENTS, MAX_SESSION_LINE_CHARS } from './limits'
import type { FaultName, InboxSession, SessionEvent, SessionSummary } from './types'

/** What a client's credentials become in the record: the engine's wire-log mask. */
export const SECRET_MASK = MASK
/** RFC 4954 §4: the server's challenge; the client's next line is SASL data. */
const SASL_CHALLENGE = '334'

function clip(text: string): string {
  return text.length > MAX_SESSION_LINE_CHARS ? `${text.slice(0, MAX_SESSION_LINE_CHARS)}…` : text
}

/** `AUTH PLAIN dGVzdA==` → `AUTH PLAIN ********`: the mechanism stays, the payload goes. */
export function maskAuthCommand(line: string): string {
  const words = line.trim().split(/\s+/)
  if (!/^AUTH$/i.test(words[0] ?? '') || words.length <= 2) return line
  return `${words[0]} ${words[1]} ${SECRET_MASK}`
}

export class SessionRecorder {
  readonly startedAt = new Date().toISOString()
  heloName?: string
  tls?: { protocol: string; cipher: string }
  auth?: { method: string; username: string; testCredentials: true }
  endedAt?: string
  readonly messageIds: string[] = []
  private readonly origin = performance.now()
  private readonly events: SessionEvent[] = []
  private eventsTruncated = false
  private readonly faults = new Set<FaultName>()
  /** The last reply was a SASL challenge: the client's next line carries credentials. */
  private expectingSaslData = false
  private lastCommand = ''
  /** STARTTLS was answered with 220: the TLS handshake should follow. */
  private handshakeStarted = false

  constructor(
    readonly id: string,
    readonly client: { address: string; port: number },
  ) {}

  /** A line the client sent, without CRLF. Credentials are masked before they are kept. */
  clientLine(line: string): void {
    const text = this.expectingSaslData ? SECRET_MASK : maskAuthCommand(line)
    // The next line is SASL data only if the server answers this one with 334.
    this.expectingSaslData = false
    this.lastCommand = text.trim().toUpperCase()
    this.add('in', text)
  }

  /** A reply as written (lines joined by CRLF when it has several). */
  serverReply(payload: string): void {
    const lines = payload.split('\r\n')
    for (const line of lines) this.add('out', line)
    const last = lines[lines.length - 1] ?? ''
    this.expectingSaslData = last.startsWith(SASL_CHALLENGE)
    if (this.lastCommand === 'STARTTLS' && last.startsWith('220')) this.handshakeStarted = true
  }

  note(text: string): void {
    this.add('info', text)
  }

  faultActed(name: FaultName, text: string): void {
    this.faults.add(name)
    this.note(`fault ${name}: ${text}`)
  }

  authenticated(method: string, username: string): void {
    this.auth = { method, username, testCredentials: true }
    this.note(`AUTH ${method} as "${username}": test credentials accepted (the password is neither checked nor kept)`)
  }

  secured(protocol: string, cipher: string): void {
    this.tls = { protocol, cipher }
    this.note(`TLS started: ${protocol}, ${cipher}`)
  }

  messageStored(id: string, bytes: number): void {
    this.messageIds.push(id)
    this.note(`message ${id} stored: ${bytes} bytes`)
  }

  end(): void {
    if (this.endedAt) return
    if (this.handshakeStarted && !this.tls) {
      // What a client that does not trust the inbox's certificate looks like from here.
      this.note('the TLS handshake did not complete (a client that does not trust the certificate hangs up here)')
    }
    this.note('connection closed')
    this.endedAt = new Date().toISOString()
  }

  summary(): SessionSummary {
    return {
      id: this.id,
      startedAt: this.startedAt,
      ...(this.endedAt ? { endedAt: this.endedAt } : {}),
      messageIds: [...this.messageIds],
      faults: [...this.faults],
    }
  }

  snapshot(): InboxSession {
    return {
      ...this.summary(),
      client: { ...this.client },
      ...(this.heloName ? { heloName: this.heloName } : {}),
      ...(this.tls ? { tls: { ...this.tls } } : {}),
      ...(this.auth ? { auth: { ...this.auth } } : {}),
      events: this.events.map((event) => ({ ...event })),
      eventsTruncated: this.eventsTruncated,
    }
  }

  private add(direction: SessionEvent['direction'], text: string): void {
    if (this.events.length >= MAX_SESSION_EVENTS) {
      this.eventsTruncated = true
      return
    }
    const at = Math.round((performance.now() - this.origin) * 10) / 10
    this.events.push({ at, direction, text: clip(text) })
  }
}
