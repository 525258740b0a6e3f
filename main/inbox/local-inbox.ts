// The running inbox, as its users (the app's inbox service, the CLI, tests) hold it. Apart
// from types.ts because it names Node's Buffer: types.ts stays free of Node types, so the
// IPC contract and the renderer can re-export the data shapes from it.
import type {
  InboxFaults,
  InboxLimits,
  InboxSession,
  MessageSummary,
  SessionSummary,
  StoredMessage,
  Unsubscribe,
} from './types'

export interface LocalInbox {
  readonly host: string
  readonly port: number
  /** The inbox's self-signed certificate: give it to a client as its CA. */
  readonly caPem: string
  /** SHA-256 fingerprint of that certificate, colon-separated hex. */
  readonly certificateFingerprint: string
  readonly dataDir: string
  readonly limits: InboxLimits
  /** Kept messages, newest first. */
  messages(): MessageSummary[]
  /** One kept message's summary, from memory (get() also parses the body on first use). */
  summary(id: string): MessageSummary | undefined
  get(id: string): Promise<StoredMessage | undefined>
  /** The raw source exactly as received. */
  raw(id: string): Promise<Buffer | undefined>
  /** Where the raw source is on disk (for streaming or saving a large message). */
  rawPath(id: string): string | undefined
  /** Kept and live sessions, newest first. */
  sessions(): SessionSummary[]
  session(id: string): Promise<InboxSession | undefined>
  /**
   * Resolves once no message is being received (at once when none is): work that can wait,
   * such as `mailwire inbox`'s authentication checks, waits for this.
   */
  quiet(): Promise<void>
  /** Called after a message is stored, before the client gets its 250. */
  onMessage(listener: (message: MessageSummary) => void): Unsubscribe
  /** Called when a session ends, with its final record. */
  onSession(listener: (session: InboxSession) => void): Unsubscribe
  faults(): InboxFaults
  /** Replace the fault presets; returns them validated. Throws on an invalid value. */
  setFaults(faults: InboxFaults): InboxFaults
  remove(id: string): Promise<boolean>
  /** Removes every kept message and every ended session record. */
  clear(): Promise<void>
  /** Stop listening, end open sessions, and finish writing. */
  stop(): Promise<void>
  /**
   * Resolves once the writes started so far are done (get() writes a message's parsed form
   * behind, after stop() too): whoever removes the folder waits for this first.
   */
  idle(): Promise<void>
}
