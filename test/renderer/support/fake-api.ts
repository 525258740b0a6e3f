// A fake `window.mailwire` for component tests: plain functions returning Results, and
// emitters that push batches to the listeners the bridge registered. The e2e tests run
// the real preload, IPC handlers and services instead.
import type {
  AppCommand,
  ComposeModel,
  InboxFaults,
  MailwireApi,
  Profile,
  ProfileInput,
  ProfilesView,
  Result,
  SessionResultEvent,
  SessionStartRequest,
  SessionStateEvent,
  WireBatch,
  ConsoleStatus,
  LoadProgressEvent,
} from '../../../preload/contract'

type Listener<T> = (value: T) => void

export interface FakeApi extends MailwireApi {
  calls: {
    start: SessionStartRequest[]
    cancel: number
    draftsSaved: ComposeModel[]
    profilesSaved: ProfileInput[]
    exports: Array<{ id: string; format: string }>
    faultsSet: InboxFaults[]
  }
  emitWire(batch: WireBatch): void
  emitState(event: SessionStateEvent): void
  emitResult(event: SessionResultEvent): void
  emitCommand(command: AppCommand): void
  emitConsoleWire(batch: WireBatch): void
  emitConsoleState(status: ConsoleStatus): void
  emitProbeWire(batch: WireBatch): void
  emitLoadProgress(event: LoadProgressEvent): void
  /** Number of listeners currently registered, per channel (leak checks). */
  listenerCount(): number
}

export interface FakeApiOptions {
  profiles?: Profile[]
  secretStoreAvailable?: boolean
  draft?: ComposeModel | null
  startResult?: (request: SessionStartRequest) => Result<{ sessionId: string }>
  saveProfileResult?: (input: ProfileInput) => Result<Profile>
  /** The console's and the probe's functions for a test; the others answer "not in this test". */
  console?: Partial<MailwireApi['console']>
  probe?: Partial<MailwireApi['probe']>
  /** The inbox's functions a test needs (the authentication check); the others as below. */
  inbox?: Partial<MailwireApi['inbox']>
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })

export const testProfile = (patch: Partial<Profile> = {}): Profile => ({
  id: 'p1',
  name: 'Test relay',
  host: '127.0.0.1',
  port: 2525,
  security: 'starttls',
  username: '',
  clientName: '',
  allowInvalidCertificate: false,
  allowPlaintextAuth: false,
  caPem: '',
  hasPassword: false,
  ...patch,
})

export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  const wire = new Set<Listener<WireBatch>>()
  const state = new Set<Listener<SessionStateEvent>>()
  const result = new Set<Listener<SessionResultEvent>>()
  const command = new Set<Listener<AppCommand>>()
  const consoleWire = new Set<Listener<WireBatch>>()
  const consoleState = new Set<Listener<ConsoleStatus>>()
  const probeWire = new Set<Listener<WireBatch>>()
  const loadProgress = new Set<Listener<LoadProgressEvent>>()
  const notInThisTest = async () => ({ ok: false as const, error: { code: 'EINTERNAL', message: 'not in this test' } })
  const subscribe =
    <T>(set: Set<Listener<T>>) =>
    (listener: Listener<T>) => {
      set.add(listener)
      return () => void set.delete(listener)
    }
  const calls: FakeApi['calls'] = { start: [], cancel: 0, draftsSaved: [], profilesSaved: [], exports: [], faultsSet: [] }
  let faults: InboxFaults = {}
  const noMessage = async () => ({ ok: false as const, error: { code: 'ENOTFOUND', message: 'no such message' } })
  const view: ProfilesView = {
    profiles: options.profiles ?? [testProfile()],
    secretStoreAvailable: options.secretStoreAvailable ?? true,
  }

  return {
    calls,
    emitWire: (batch) => wire.forEach((listener) => listener(batch)),
    emitState: (event) => state.forEach((listener) => listener(event)),
    emitResult: (event) => result.forEach((listener) => listener(event)),
    emitCommand: (value) => command.forEach((listener) => listener(value)),
    emitConsoleWire: (batch) => consoleWire.forEach((listener) => listener(batch)),
    emitConsoleState: (status) => consoleState.forEach((listener) => listener(status)),
    emitProbeWire: (batch) => probeWire.forEach((listener) => listener(batch)),
    emitLoadProgress: (event) => loadProgress.forEach((listener) => listener(event)),
    listenerCount: () => wire.size + state.size + result.size + command.size + consoleWire.size + consoleState.size + probeWire.size + loadProgress.size,
    session: {
      start: async (request) => {
        calls.start.push(request)
        return options.startResult?.(request) ?? ok({ sessionId: `s${calls.start.length}` })
      },
      cancel: async () => {
        calls.cancel++
        return ok(undefined)
      },
      command: async () => ({ ok: false, error: { code: 'EINTERNAL', message: 'not in this test' } }),
      sendAgain: async () => ({ ok: false, error: { code: 'EINTERNAL', message: 'not in this test' } }),
      onWire: subscribe(wire),
      onState: subscribe(state),
      onResult: subscribe(result),
    },
    profiles: {
      list: async () => ok(view),
      save: async (input) => {
        calls.profilesSaved.push(input)
        const { password: _password, ...fields } = input
        return (
          options.saveProfileResult?.(input) ??
          ok({ ...fields, id: input.id ?? 'p-new', hasPassword: input.password !== undefined && input.password !== '' })
        )
      },
      remove: async () => ok(undefined),
    },
    drafts: {
      load: async () => ok(options.draft ?? null),
      save: async (draft) => {
        calls.draftsSaved.push(draft)
        return ok(undefined)
      },
    },
    history: {
      list: async () => ok([]),
      get: async () => ({ ok: false, error: { code: 'ENOTFOUND', message: 'no such entry' } }),
      export: async (id, format) => {
        calls.exports.push({ id, format })
        return ok({ saved: true, path: `/tmp/session.${format}` })
      },
      remove: async () => ok(undefined),
      openFile: async () => ok(null),
      readFile: async () => ({ ok: false, error: { code: 'EINVALID', message: 'not a session file' } }),
      sentVsArrived: async () => ({ ok: false, error: { code: 'ENOTFOUND', message: 'not in this test' } }),
      compareEml: async () => ({ ok: true, value: null }),
    },
    files: {
      pickAttachments: async () => ok([{ path: '/home/me/report.pdf', name: 'report.pdf', size: 48_213 }]),
      attachDropped: async (files) => ok(files.map((file) => ({ path: `/dropped/${file.name}`, name: file.name, size: file.size }))),
    },
    app: {
      info: async () => ok({ version: '0.0.0-test', platform: 'linux' }),
      onCommand: subscribe(command),
    },
    inbox: {
      status: async () =>
        ok({ host: '127.0.0.1', port: 40025, certificateFingerprint: 'AA:BB', faults, maxMessageBytes: 52_428_800, maxMessages: 500 }),
      list: async () => ok([]),
      get: noMessage,
      raw: noMessage,
      session: noMessage,
      faults: async () => ok(faults),
      setFaults: async (next) => {
        calls.faultsSet.push(next)
        faults = next
        return ok(faults)
      },
      remove: async () => ok(undefined),
      clear: async () => ok(undefined),
      saveAttachment: async () => ok({ saved: false }),
      saveRaw: async () => ok({ saved: false }),
      authenticate: noMessage,
      authSettings: async () => ok({ dnsServers: [] }),
      setAuthSettings: async (settings) => ok(settings),
      ...options.inbox,
      onMessage: () => () => undefined,
      onSessionEnded: () => () => undefined,
    },
    console: {
      open: notInThisTest,
      send: notInThisTest,
      startTls: notInThisTest,
      auth: notInThisTest,
      sendData: notInThisTest,
      close: notInThisTest,
      cancel: async () => ok(undefined),
      ...options.console,
      onWire: subscribe(consoleWire),
      onState: subscribe(consoleState),
    },
    probe: {
      run: notInThisTest,
      matrix: notInThisTest,
      lookupMx: notInThisTest,
      domainSecurity: notInThisTest,
      cancel: async () => ok(undefined),
      ...options.probe,
      onWire: subscribe(probeWire),
    },
    load: {
      start: notInThisTest,
      cancel: async () => ok(undefined),
      onProgress: subscribe(loadProgress),
    },
  }
}
