// The console through the real IPC handlers and services (appUnderTest): open a profile,
// type lines, press the action buttons, and read back what crossed "IPC".
import type {
  ConsoleOutcome,
  ConsoleStatus,
  IpcError,
  Profile,
  ProfileInput,
  Result,
  WireBatch,
  WireEvent,
} from '../../../preload/contract'
import { CHANNELS } from '../../../preload/contract'
import { appUnderTest, type AppUnderTest } from '../../services/support/app-under-test'

export interface ConsoleApp {
  app: AppUnderTest
  profile: Profile
  consoleId: string
  /** The outcome of console:open. */
  opened: ConsoleOutcome
  /** console:send; throws on an IPC error (use sendRaw to see one). */
  send(line: string, options?: { allowCleartext?: boolean }): Promise<ConsoleOutcome>
  sendRaw(line: string, options?: { allowCleartext?: boolean }): Promise<Result<ConsoleOutcome>>
  startTls(): Promise<ConsoleOutcome>
  auth(options?: { allowCleartext?: boolean }): Promise<Result<ConsoleOutcome>>
  data(body: string): Promise<ConsoleOutcome>
  close(): Promise<ConsoleOutcome>
  /** Every console:wire event so far, in order. */
  events(): WireEvent[]
  /** "C: EHLO x", "S: 250-…": readable lines of the log. */
  lines(): string[]
  states(): ConsoleStatus[]
}

const PREFIX: Record<WireEvent['kind'], string> = { client: 'C', server: 'S', tls: 'T', info: 'I', error: 'E' }

function unwrap<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify(result.error)}`)
  return result.value
}

const apps = new Set<AppUnderTest>()

/** QUIT whatever a test left open (a failed assertion), so servers can stop. */
export async function closeOpenConsoles(): Promise<void> {
  const open = [...apps]
  apps.clear()
  await Promise.all(open.map((app) => app.services.console.closeAll()))
}

export async function openConsole(dataDir: string, input: ProfileInput): Promise<ConsoleApp> {
  const app = await appUnderTest({ dataDir })
  apps.add(app)
  const profile = await app.saveProfile(input)
  const opened = unwrap(await app.call<ConsoleOutcome>(CHANNELS.consoleOpen, { profileId: profile.id }), 'console:open')
  const consoleId = opened.status.consoleId
  const sendRaw = (line: string, options: { allowCleartext?: boolean } = {}) =>
    app.call<ConsoleOutcome>(CHANNELS.consoleSend, { consoleId, line, ...options })
  const events = () => app.sink.of<WireBatch>(CHANNELS.consoleWire).flatMap((batch) => batch.events)
  return {
    app,
    profile,
    consoleId,
    opened,
    sendRaw,
    send: async (line, options) => unwrap(await sendRaw(line, options), `console:send ${line}`),
    startTls: async () => unwrap(await app.call<ConsoleOutcome>(CHANNELS.consoleStartTls, consoleId), 'console:starttls'),
    auth: (options = {}) => app.call<ConsoleOutcome>(CHANNELS.consoleAuth, { consoleId, ...options }),
    data: async (body) => unwrap(await app.call<ConsoleOutcome>(CHANNELS.consoleData, { consoleId, body }), 'console:data'),
    close: async () => unwrap(await app.call<ConsoleOutcome>(CHANNELS.consoleClose, consoleId), 'console:close'),
    events,
    lines: () => events().map((event) => `${PREFIX[event.kind]}: ${event.text}`),
    states: () => app.sink.of<ConsoleStatus>(CHANNELS.consoleState),
  }
}

export function errorOf(result: Result<unknown>): IpcError {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`)
  return result.error
}
