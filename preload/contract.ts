// The one contract between the main process and the renderer: channel names, the
// shapes that cross IPC, and the `window.mailwire` API. Both sides import it. It imports
// no electron and no node:* (eslint enforces this), only plain types from the engine.

import type {
  Phase,
  Reply,
  SecurityMode,
  SendResult,
  SendStatus,
  WireEvent,
} from '../main/smtp/types'
import type { ComposeModel } from '../main/message/types'

export type * from '../main/smtp/types'
export type * from '../main/message/types'
// What reply codes mean, for the wire log's badges. reply-codes.ts imports nothing.
export { explainReply } from '../main/smtp/reply-codes'

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
} as const

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS]

// ---------------------------------------------------------------------------------------
// Profiles. The renderer never sees a password: only whether one is stored.

export interface Profile {
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
}

export interface ProfileInput extends Omit<Profile, 'id' | 'hasPassword'> {
  /** Absent for a new profile. */
  id?: string
  /** Write-only. Absent: unchanged. Empty string: forget the stored password. */
  password?: string
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
}
