// The app's one local test inbox: started on demand (the first send through the local
// inbox profile, or the Inbox view asking for its messages), stopped when the app quits.
// Arrivals and finished sessions are pushed to the window; fault presets live here so
// they can be shown and set before the inbox runs, and apply from its first connection.
import { open, stat } from 'node:fs/promises'
import type { AuthSettingsFile } from './auth-settings-file'
import type {
  AuthenticationReport,
  AuthenticationSettings,
  ExportOutcome,
  InboxFaults,
  InboxRawSource,
  InboxSession,
  InboxStatus,
  MessageSummary,
  SessionSummary,
  StoredMessage,
} from '../../../preload/contract'
import { CHANNELS, IPC_ERROR } from '../../../preload/contract'
import { authenticateStored, FaultsError, normalizeFaults, startLocalInbox, type LocalInbox, type LocalInboxOptions } from '../../inbox'
import { writeFileAtomic } from '../../storage/atomic-file'
import type { Dialogs } from '../dialogs'
import { ServiceError } from '../errors'
import type { EventSink } from '../event-sink'
import { readAttachment } from './attachment-content'
import { safeFileName } from './save-names'

/**
 * Bytes of raw source sent to the window for display. The inbox keeps messages up to its
 * SIZE limit (50 MiB); a text view of more than this helps nobody, the .eml has it all.
 */
export const MAX_RAW_DISPLAY_BYTES = 2 * 1024 * 1024
/** Saved files are ordinary documents: readable as the user's umask allows. */
const SAVED_FILE_MODE = 0o666
/** An IpcError code of its own: the inbox could not listen (no loopback, folder unwritable). */
export const INBOX_START_FAILED = 'EINBOX'

/** Where a client reaches the running inbox, and the certificate to trust there. */
export interface LocalInboxEndpoint {
  host: string
  port: number
  caPem: string
}

export interface InboxService {
  /** Starts the inbox when needed: what the session service connects to. */
  endpoint(): Promise<LocalInboxEndpoint>
  status(): Promise<InboxStatus>
  list(): Promise<MessageSummary[]>
  get(id: string): Promise<StoredMessage>
  raw(id: string): Promise<InboxRawSource>
  /** The whole raw source as it arrived, for main's own use (sent versus arrived); never sent to the window whole. */
  source(id: string): Promise<Buffer>
  session(id: string): Promise<InboxSession>
  faults(): InboxFaults
  setFaults(faults: InboxFaults): InboxFaults
  remove(id: string): Promise<void>
  clear(): Promise<void>
  saveAttachment(id: string, index: number): Promise<ExportOutcome>
  saveRaw(id: string): Promise<ExportOutcome>
  /** The message's DKIM, SPF, DMARC and ARC verdicts, looked up now. */
  authenticate(id: string): Promise<AuthenticationReport>
  authSettings(): AuthenticationSettings
  setAuthSettings(settings: AuthenticationSettings): AuthenticationSettings
  isRunning(): boolean
  /** Stops the inbox (open sessions end, writes finish); a later call starts it again. */
  stop(): Promise<void>
}

export interface InboxServiceOptions {
  /** The inbox's own folder: `<user data>/local-inbox`. */
  dataDir: string
  sink: EventSink
  dialogs: Dialogs
  /** Passed to startLocalInbox (tests use small limits). */
  inboxOptions?: Omit<LocalInboxOptions, 'dataDir' | 'faults'>
  /** Where the authentication settings are kept across restarts; in memory only without it. */
  authSettingsFile?: AuthSettingsFile
}

/** What the window is told when a session ends: the record itself is fetched on demand. */
function sessionSummary(session: InboxSession): SessionSummary {
  return {
    id: session.id,
    startedAt: session.startedAt,
    ...(session.endedAt ? { endedAt: session.endedAt } : {}),
    messageIds: [...session.messageIds],
    faults: [...session.faults],
  }
}

const notFound = (what: string) => new ServiceError(IPC_ERROR.notFound, `This ${what} is no longer in the local inbox.`, { field: 'id' })

export function createInboxService(options: InboxServiceOptions): InboxService {
  const { sink, dialogs } = options
  let faults: InboxFaults = {}
  /** Where the authentication check asks DNS: the system's resolvers until the user sets servers. */
  let authSettings: AuthenticationSettings = options.authSettingsFile?.initial ?? { dnsServers: [] }
  let starting: Promise<LocalInbox> | undefined
  let running: LocalInbox | undefined

  async function start(): Promise<LocalInbox> {
    let inbox: LocalInbox
    try {
      inbox = await startLocalInbox({ ...options.inboxOptions, dataDir: options.dataDir, faults })
    } catch (error) {
      throw new ServiceError(INBOX_START_FAILED, `The local test inbox could not start: ${(error as Error).message}`)
    }
    inbox.onMessage((message) => sink.send(CHANNELS.inboxMessage, message))
    inbox.onSession((session) => sink.send(CHANNELS.inboxSessionEnded, sessionSummary(session)))
    // Faults set while it was starting apply too.
    inbox.setFaults(faults)
    running = inbox
    return inbox
  }

  /** One start for concurrent callers; a failed start is tried again on the next call. */
  function inbox(): Promise<LocalInbox> {
    starting ??= start().catch((error: unknown) => {
      starting = undefined
      throw error
    })
    return starting
  }

  async function rawPathOf(id: string): Promise<string> {
    const path = (await inbox()).rawPath(id)
    if (path === undefined) throw notFound('message')
    return path
  }

  async function get(id: string): Promise<StoredMessage> {
    const message = await (await inbox()).get(id)
    if (!message) throw notFound('message')
    return message
  }

  async function saveAs(content: Uint8Array, title: string, defaultName: string, filter: { name: string; extensions: string[] }): Promise<ExportOutcome> {
    const path = await dialogs.saveFile({ title, defaultName, filters: [filter] })
    if (path === null) return { saved: false }
    await writeFileAtomic(path, content, SAVED_FILE_MODE)
    return { saved: true, path }
  }

  return {
    async endpoint() {
      const { host, port, caPem } = await inbox()
      return { host, port, caPem }
    },
    async status() {
      const live = await inbox()
      return {
        host: live.host,
        port: live.port,
        certificateFingerprint: live.certificateFingerprint,
        faults: { ...faults },
        maxMessageBytes: live.limits.maxMessageBytes,
        maxMessages: live.limits.maxMessages,
      }
    },
    list: async () => (await inbox()).messages(),
    get,
    async raw(id) {
      const path = await rawPathOf(id)
      const bytes = (await stat(path).catch(() => undefined))?.size
      if (bytes === undefined) throw notFound('message')
      const shown = Buffer.alloc(Math.min(bytes, MAX_RAW_DISPLAY_BYTES))
      const file = await open(path, 'r')
      try {
        await file.read(shown, 0, shown.length, 0)
      } finally {
        await file.close()
      }
      // stream: true leaves out a character cut in half at the bound instead of showing U+FFFD.
      const text = new TextDecoder('utf-8').decode(shown, { stream: bytes > shown.length })
      return { text, bytes, truncated: bytes > shown.length }
    },
    async source(id) {
      const content = await (await inbox()).raw(id)
      if (!content) throw notFound('message')
      return content
    },
    async session(id) {
      const record = await (await inbox()).session(id)
      if (!record) throw notFound('session')
      return record
    },
    faults: () => ({ ...faults }),
    setFaults(input) {
      try {
        faults = normalizeFaults(input)
      } catch (error) {
        if (error instanceof FaultsError) {
          throw new ServiceError(IPC_ERROR.invalidPayload, error.message, error.field === 'faults' ? {} : { field: error.field })
        }
        throw error
      }
      running?.setFaults(faults)
      return { ...faults }
    },
    async remove(id) {
      if (!(await (await inbox()).remove(id))) throw notFound('message')
    },
    clear: async () => (await inbox()).clear(),
    async saveAttachment(id, index) {
      const message = await get(id)
      const attachment = message.parsed.attachments[index]
      if (!attachment) {
        throw new ServiceError(IPC_ERROR.notFound, `The message has no attachment number ${index + 1}.`, { field: 'index' })
      }
      // Read before asking, so a part that cannot be found fails without a pointless dialog.
      const content = await readAttachment(await rawPathOf(id), attachment)
      if (!content) throw new ServiceError(IPC_ERROR.notFound, 'The attachment could not be read back from the message.', { field: 'index' })
      const name = safeFileName(attachment.filename, `attachment-${index + 1}`)
      const extension = /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1]
      return saveAs(content, 'Save attachment', name, { name: attachment.contentType, extensions: [extension ?? '*'] })
    },
    async saveRaw(id) {
      const message = await get(id)
      const content = await (await inbox()).raw(id)
      if (!content) throw notFound('message')
      const name = safeFileName(message.subject ? `${message.subject}.eml` : undefined, `${id}.eml`)
      return saveAs(content, 'Save message', name, { name: 'Email message', extensions: ['eml'] })
    },
    async authenticate(id) {
      const report = await authenticateStored(await inbox(), id, authSettings.dnsServers)
      if (!report) throw notFound('message')
      return report
    },
    authSettings: () => ({ dnsServers: [...authSettings.dnsServers] }),
    setAuthSettings(settings) {
      authSettings = { dnsServers: [...settings.dnsServers] }
      // Written behind: the check uses the new servers at once, and a failed write costs only the restart.
      options.authSettingsFile?.save(authSettings).catch((error: unknown) => console.error('mailwire: could not keep the inbox DNS servers:', error))
      return { dnsServers: [...authSettings.dnsServers] }
    },
    isRunning: () => running !== undefined,
    async stop() {
      const pending = starting
      starting = undefined
      const stopping = pending ? await pending.catch(() => undefined) : undefined
      // A call during the wait may have started a new inbox: leave that one be.
      if (running === stopping) running = undefined
      await stopping?.stop()
    },
  }
}
