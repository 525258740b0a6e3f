// The contract's map types every end of IPC. These are type tests: `npm run typecheck`
// compiles this file, and fails both when a derived type drifts from the map and when a
// line under @ts-expect-error (a handler, a check, an event or a method that disagrees with
// the map) compiles after all. At run time they only register handlers nobody calls.
import { describe, expectTypeOf, it } from 'vitest'
import {
  CHANNELS,
  MAILWIRE_API,
  invokes,
  type Channel,
  type ConsoleAuthRequest,
  type EventChannel,
  type ExportOutcome,
  type HistoryEntry,
  type HistorySummary,
  type InvokeChannel,
  type MailwireApi,
  type Result,
  type SecurityMode,
  type SessionStarted,
  type SessionStartRequest,
  type Unsubscribe,
  type WireBatch,
} from '../../preload/contract'
import { guardedIpc } from '../../main/ipc/guard'
import { createMapRegistry } from '../../main/ipc/registry'
import { createSenderPolicy } from '../../main/ipc/sender-policy'
import { nothing, object, oneOf, type Check } from '../../main/ipc/validate/checks'
import { id } from '../../main/ipc/validate/ids'
import { historyExport } from '../../main/ipc/validate/requests'
import type { EventSink } from '../../main/services/event-sink'

/** A fresh registry each time, so that registering a channel twice never throws. */
const ipc = () => guardedIpc(createMapRegistry(), createSenderPolicy({ appOrigin: 'app://mailwire' }))
const entry = {} as HistoryEntry
const summaries: HistorySummary[] = []

type Table = typeof MAILWIRE_API
type TableMethod = { [N in keyof Table]: Table[N][keyof Table[N]] }[keyof Table]
/** files.attachDropped invokes this one from the preload, the only side that sees a dropped file's path. */
type PreloadChannel = 'files:confirm-dropped'

describe('the contract map', () => {
  it('names every channel once in CHANNELS and gives each a method of window.mailwire', () => {
    expectTypeOf<(typeof CHANNELS)[keyof typeof CHANNELS]>().toEqualTypeOf<Channel>()
    expectTypeOf<TableMethod['channel']>().toEqualTypeOf<Exclude<Channel, PreloadChannel>>()
    expectTypeOf<Extract<TableMethod, { kind: 'invoke' }>['channel']>().toEqualTypeOf<Exclude<InvokeChannel, PreloadChannel>>()
    expectTypeOf<Extract<TableMethod, { kind: 'listen' }>['channel']>().toEqualTypeOf<EventChannel>()
  })

  it('gives the renderer the types of the map', () => {
    expectTypeOf<MailwireApi['session']['start']>().toEqualTypeOf<(request: SessionStartRequest) => Promise<Result<SessionStarted>>>()
    expectTypeOf<MailwireApi['session']['cancel']>().toEqualTypeOf<() => Promise<Result<void>>>()
    expectTypeOf<MailwireApi['history']['export']>().toEqualTypeOf<(id: string, format: 'text' | 'json' | 'eml') => Promise<Result<ExportOutcome>>>()
    expectTypeOf<MailwireApi['probe']['onWire']>().toEqualTypeOf<(listener: (batch: WireBatch) => void) => Unsubscribe>()
  })

  it('refuses a handler that resolves another type than its channel', () => {
    ipc().handle(CHANNELS.historyGet, id, () => entry)
    ipc().handle(CHANNELS.historyGet, id, async () => entry)
    // @ts-expect-error history:get resolves a HistoryEntry, not the list
    ipc().handle(CHANNELS.historyGet, id, () => summaries)
    // @ts-expect-error the same, resolved later
    ipc().handle(CHANNELS.historyGet, id, async () => summaries)
    // @ts-expect-error history:remove resolves nothing
    ipc().handle(CHANNELS.historyRemove, id, () => entry)
  })

  it('refuses a payload check that yields another type than its channel takes', () => {
    ipc().handle(CHANNELS.historyExport, historyExport, ({ id: entryId }) => ({ saved: entryId !== '' }))
    // @ts-expect-error history:export takes { id, format }, not an id
    ipc().handle(CHANNELS.historyExport, id, () => ({ saved: false }))
    // @ts-expect-error history:list takes no payload
    ipc().handle(CHANNELS.historyList, id, () => summaries)
    ipc().handle(CHANNELS.historyList, nothing, () => summaries)
  })

  it('refuses a check that leaves out a key of the contract type or a member of its union', () => {
    const complete: Check<ConsoleAuthRequest> = object({ consoleId: id, allowCleartext: () => undefined })
    // @ts-expect-error ConsoleAuthRequest has allowCleartext: the shape must check it
    const partial: Check<ConsoleAuthRequest> = object({ consoleId: id })
    // @ts-expect-error SecurityMode has four members: each must be allowed
    const modes: Check<SecurityMode> = oneOf({ none: true, starttls: true, implicit: true })
    expectTypeOf([complete, partial, modes]).toBeArray()
  })

  it('refuses an event whose payload is not its channel’s', () => {
    const sink: EventSink = { send: () => undefined }
    sink.send(CHANNELS.sessionWire, { sessionId: 's', events: [] })
    // @ts-expect-error a wire batch has events
    sink.send(CHANNELS.sessionWire, { sessionId: 's' })
    // @ts-expect-error app:command carries an AppCommand
    sink.send(CHANNELS.appCommand, 'reboot')
  })

  it('refuses a method of window.mailwire that packs another payload than its channel takes', () => {
    invokes('history:export', (entryId: string, format: 'text' | 'json' | 'eml') => ({ id: entryId, format }))
    // @ts-expect-error history:export takes { id, format }
    invokes('history:export', (entryId: string) => entryId)
    // @ts-expect-error no such channel
    invokes('history:purge')
  })
})
