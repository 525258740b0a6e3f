import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla'
import { subscribeWithSelector } from 'zustand/middleware'
import type { MailwireApi } from '../../../preload/contract'
import { createSessionSlice, type SessionSlice } from './session-slice'
import { createWireLogSlice, type WireLogSlice } from './wire-log-slice'

/**
 * One session's log: its wire events and its outcome (status, result, export), what the
 * WireLog and the ResultPanel show. History entries, inbox records, the console and the
 * probe each get a store of this kind; the app store holds these same slices for the live
 * session of the Send view (see app-store.ts).
 */
export type LogState = WireLogSlice & SessionSlice

type Mutators = [['zustand/subscribeWithSelector', never]]

/** A slice of a log: it sees only the log's state, whichever store holds it. */
export type LogSlice<T> = StateCreator<LogState, Mutators, [], T>

export interface LogStoreDeps {
  /** For exports of a saved session (`history:export`). */
  api: MailwireApi
  /** Events kept before the oldest are dropped (tests use a small cap). */
  wireLogCap?: number
}

export type LogStore = StoreApi<LogState> & {
  subscribe: {
    (listener: (state: LogState, previous: LogState) => void): () => void
    <U>(
      selector: (state: LogState) => U,
      listener: (selected: U, previous: U) => void,
      options?: { equalityFn?: (a: U, b: U) => boolean; fireImmediately?: boolean },
    ): () => void
  }
}

/** A fresh log, empty and idle. */
export function createLogStore(deps: LogStoreDeps): LogStore {
  return createStore<LogState>()(
    subscribeWithSelector((...args) => ({
      ...createWireLogSlice(deps)(...args),
      ...createSessionSlice(deps)(...args),
    })),
  )
}

/** Makes a fresh log store (app-store.ts passes `() => createLogStore(deps)`). */
export type LogStoreFactory = () => LogStore
