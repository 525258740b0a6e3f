// The application layer, assembled. Pure Node: Electron reaches it only through the
// small adapters (secret store, dialogs, data folder) main/index.ts passes in, so tests
// build the very same services on a temp folder with a fake secret store.
import { join } from 'node:path'
import type { AppInfo, Timeouts } from '../../preload/contract'
import type { Dialogs } from './dialogs'
import { createDraftService, type DraftService } from './drafts'
import type { EventSink } from './event-sink'
import { createFileGrants } from './file-grants'
import { createFileService, type FileService } from './files'
import { withGrantedAttachments, withGrantedDraftFiles } from './granted-attachments'
import { createHistoryService, type HistoryService } from './history/history-service'
import { openHistoryStore } from './history/history-store'
import { openPasswordVault } from './password-vault'
import { openProfileService, type ProfileService } from './profiles'
import type { SecretStore } from './secret-store'
import { createSessionService, type SessionEngine, type SessionService } from './session/session-service'
import { removeStaleTempFiles } from '../storage/atomic-file'
import { withFirstRunDraft } from './local-inbox/first-run-draft'
import { openAuthSettingsFile } from './local-inbox/auth-settings-file'
import { createInboxService, type InboxService, type InboxServiceOptions } from './local-inbox/inbox-service'
import { localInboxProfile } from './local-inbox/local-inbox-profile'
import { createConsoleService, type ConsoleService } from './console/console-service'
import { createProbeService, type ProbeService } from './probe/probe-service'
import { createSendCommandService, type SendCommandService } from './session/send-command'
import { createSentVsArrivedService, type SentVsArrivedService } from './history/sent-vs-arrived'
import { createSendAgainService, type SendAgainService } from './session/send-again'
import { createLoadService, type LoadService } from './load/load-service'

export type { Dialogs } from './dialogs'
export type { EventSink } from './event-sink'
export type { SecretStore } from './secret-store'
export { ServiceError } from './errors'
export type { SessionEngine } from './session/session-service'

/** Files in the data folder. */
export const DATA_FILES = {
  profiles: 'profiles.json',
  passwords: 'passwords.json',
  draft: 'draft.json',
  history: 'history',
  /** The local test inbox's folder: messages, session records, its certificate. */
  localInbox: 'local-inbox',
  /** The DNS servers the inbox's authentication checks ask. */
  inboxSettings: 'inbox-settings.json',
} as const

export interface Services {
  session: SessionService
  /** Send again: a History entry's session once more. */
  sendAgain: SendAgainService
  /** Copy as command (the Send view's message and server as a shell command). */
  commands: SendCommandService
  profiles: ProfileService
  drafts: DraftService
  history: HistoryService
  /** Sent versus arrived: a History entry's message beside the inbox's copy or an .eml. */
  arrived: SentVsArrivedService
  files: FileService
  app: { info(): AppInfo }
  /** The local test inbox; stop it when the app quits. */
  inbox: InboxService
  /** The SMTP console (one connection per window); close it when the window closes. */
  console: ConsoleService
  probe: ProbeService
  /** Load sends (the Send view's Load part); cancel it when the app quits. */
  load: LoadService
}

export interface ServicesOptions {
  /** The user data folder (Electron's app.getPath('userData')), or a temp folder in tests. */
  dataDir: string
  secretStore: SecretStore
  sink: EventSink
  dialogs: Dialogs
  appInfo: AppInfo
  now?: () => Date
  /** The engine and message layer (session/default-engine.ts); tests may wrap them. */
  engine: SessionEngine
  maxHistoryEntries?: number
  keptMessageBound?: number
  batchIntervalMs?: number
  batchMaxEvents?: number
  /** Options for the local test inbox (tests: small limits). */
  localInbox?: InboxServiceOptions['inboxOptions']
  /** DNS servers for MX lookups; the system's by default (tests point them at their own). */
  dnsServers?: string[]
  /** Shorter console timeouts for tests; RFC 5321's by default. */
  consoleTimeouts?: Partial<Timeouts>
  /** Every wait of a port matrix cell (tests: short). */
  matrixTimeoutMs?: number
}

export async function createServices(options: ServicesOptions): Promise<Services> {
  const { dataDir, sink, dialogs } = options
  const now = options.now ?? (() => new Date())
  // Leftovers of writes a crash interrupted: the files they were replacing are intact.
  await removeStaleTempFiles(dataDir)
  const vault = await openPasswordVault(join(dataDir, DATA_FILES.passwords), options.secretStore)
  // First run: the local test inbox is the one profile, so Send works with no setup.
  const profiles = await openProfileService(join(dataDir, DATA_FILES.profiles), vault, {
    firstRunProfiles: () => [localInboxProfile()],
  })
  const inbox = createInboxService({
    dataDir: join(dataDir, DATA_FILES.localInbox),
    sink,
    dialogs,
    authSettingsFile: await openAuthSettingsFile(join(dataDir, DATA_FILES.inboxSettings)),
    ...(options.localInbox ? { inboxOptions: options.localInbox } : {}),
  })
  const historyStore = await openHistoryStore(join(dataDir, DATA_FILES.history), options.maxHistoryEntries)
  // The files the user gave this window: the only paths a send or a draft may name.
  const grants = createFileGrants()
  const session = createSessionService({
    engine: options.engine,
    profiles,
    history: historyStore,
    sink,
    now,
    localInbox: inbox,
    ...(options.batchIntervalMs !== undefined ? { batchIntervalMs: options.batchIntervalMs } : {}),
    ...(options.batchMaxEvents !== undefined ? { batchMaxEvents: options.batchMaxEvents } : {}),
    ...(options.keptMessageBound !== undefined ? { keptMessageBound: options.keptMessageBound } : {}),
  })
  const grantedSession = withGrantedAttachments(session, grants)
  return {
    session: grantedSession,
    sendAgain: createSendAgainService({ history: historyStore, session: grantedSession, grants }),
    commands: createSendCommandService({ engine: options.engine, profiles, grants, localInbox: inbox }),
    profiles,
    drafts: withFirstRunDraft(withGrantedDraftFiles(createDraftService(join(dataDir, DATA_FILES.draft), now), grants), profiles.isFirstRun),
    history: createHistoryService(historyStore, dialogs, `mailwire-app ${options.appInfo.version}`),
    arrived: createSentVsArrivedService({ store: historyStore, inbox, dialogs }),
    files: createFileService(dialogs, grants),
    app: { info: () => ({ ...options.appInfo }) },
    inbox,
    console: createConsoleService({
      profiles,
      sink,
      localInbox: inbox,
      ...(options.consoleTimeouts ? { timeouts: options.consoleTimeouts } : {}),
      ...(options.batchIntervalMs !== undefined ? { batchIntervalMs: options.batchIntervalMs } : {}),
      ...(options.batchMaxEvents !== undefined ? { batchMaxEvents: options.batchMaxEvents } : {}),
    }),
    probe: createProbeService({
      profiles,
      sink,
      localInbox: inbox,
      ...(options.dnsServers ? { dnsServers: options.dnsServers } : {}),
      ...(options.matrixTimeoutMs !== undefined ? { matrixTimeoutMs: options.matrixTimeoutMs } : {}),
      ...(options.batchIntervalMs !== undefined ? { batchIntervalMs: options.batchIntervalMs } : {}),
      ...(options.batchMaxEvents !== undefined ? { batchMaxEvents: options.batchMaxEvents } : {}),
    }),
    load: createLoadService({ engine: options.engine, profiles, sink, grants, localInbox: inbox }),
  }
}
