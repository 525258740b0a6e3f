// The main process without Electron: the real services on a temp data folder (fake
// secret store and dialogs), the real IPC handlers in a Map registry, and a sink that
// records every event. `call` invokes a channel as our renderer's main frame would, and
// every response is kept, so tests can search all that crossed "IPC".
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Channel, ProfileInput, Profile, Result, SessionResultEvent, SessionStartRequest } from '../../../preload/contract'
import { CHANNELS } from '../../../preload/contract'
import { createMapRegistry, createSenderPolicy, registerIpc, type SenderInfo } from '../../../main/ipc'
import { createServices, type Services, type SessionEngine } from '../../../main/services'
import { defaultSessionEngine } from '../../../main/services/session/default-engine'
import { fakeDialogs, type FakeDialogs } from './fake-dialogs'
import { fakeSecretStore, type FakeSecretStore } from './fake-secret-store'
import { recordingSink, type RecordingSink } from './recording-sink'

export const DEV_SERVER_URL = 'http://127.0.0.1:5173/'
export const RENDERER_SENDER: SenderInfo = { url: DEV_SERVER_URL, isMainFrame: true }

export interface AppUnderTest {
  dataDir: string
  services: Services
  sink: RecordingSink
  dialogs: FakeDialogs
  secretStore: FakeSecretStore
  /** Every Result a handler resolved, in order. */
  responses: Array<Result<unknown>>
  call<T>(channel: Channel, payload?: unknown): Promise<Result<T>>
  callAs<T>(sender: SenderInfo, channel: Channel, payload?: unknown): Promise<Result<T>>
  /** profiles:save, expecting success. */
  saveProfile(input: ProfileInput): Promise<Profile>
  /** session:start, then wait for its session:result. */
  runSession(request: SessionStartRequest): Promise<SessionResultEvent>
  /** Every file under the data folder, as latin1 text (byte for byte searchable). */
  filesText(): Promise<Array<{ path: string; text: string }>>
}

export interface AppOptions {
  dataDir: string
  secretStore?: FakeSecretStore
  engine?: SessionEngine
  keptMessageBound?: number
  maxHistoryEntries?: number
  /** DNS servers for MX lookups: a responder the test started, never a real resolver. */
  dnsServers?: string[]
  matrixTimeoutMs?: number
}

export async function appUnderTest(options: AppOptions): Promise<AppUnderTest> {
  const sink = recordingSink()
  const dialogs = fakeDialogs()
  const secretStore = options.secretStore ?? fakeSecretStore()
  const services = await createServices({
    dataDir: options.dataDir,
    secretStore,
    sink,
    dialogs,
    appInfo: { version: '0.0.0-test', platform: process.platform },
    engine: options.engine ?? defaultSessionEngine,
    ...(options.keptMessageBound !== undefined ? { keptMessageBound: options.keptMessageBound } : {}),
    ...(options.maxHistoryEntries !== undefined ? { maxHistoryEntries: options.maxHistoryEntries } : {}),
    ...(options.dnsServers ? { dnsServers: options.dnsServers } : {}),
    ...(options.matrixTimeoutMs !== undefined ? { matrixTimeoutMs: options.matrixTimeoutMs } : {}),
  })
  const registry = createMapRegistry()
  registerIpc(registry, services, createSenderPolicy({ devServerUrl: DEV_SERVER_URL, appOrigin: 'app://mailwire' }), () => undefined)
  const responses: Array<Result<unknown>> = []

  const callAs = async <T>(sender: SenderInfo, channel: Channel, payload?: unknown) => {
    // structuredClone both ways: what Electron's IPC would do to the payload and the answer.
    const response = structuredClone(await registry.invoke(channel, sender, structuredClone(payload)))
    responses.push(response)
    return response as Result<T>
  }
  const call = <T>(channel: Channel, payload?: unknown) => callAs<T>(RENDERER_SENDER, channel, payload)

  return {
    dataDir: options.dataDir,
    services,
    sink,
    dialogs,
    secretStore,
    responses,
    call,
    callAs,
    async saveProfile(input) {
      const saved = await call<Profile>(CHANNELS.profilesSave, input)
      if (!saved.ok) throw new Error(`profiles:save failed: ${JSON.stringify(saved.error)}`)
      return saved.value
    },
    async runSession(request) {
      const started = await call<{ sessionId: string }>(CHANNELS.sessionStart, request)
      if (!started.ok) throw new Error(`session:start failed: ${JSON.stringify(started.error)}`)
      return sink.waitFor<SessionResultEvent>(CHANNELS.sessionResult, (event) => event.sessionId === started.value.sessionId)
    },
    async filesText() {
      const entries = await readdir(options.dataDir, { recursive: true, withFileTypes: true })
      const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
      return Promise.all(files.map(async (path) => ({ path, text: await readFile(path, 'latin1') })))
    },
  }
}
