import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla'
import { subscribeWithSelector } from 'zustand/middleware'
import type { MailwireApi } from '../../../preload/contract'
import { createComposeSlice, type ComposeSlice } from './compose-slice'
import { createSessionSlice, type SessionSlice } from './session-slice'
import { createWireLogSlice, type WireLogSlice } from './wire-log-slice'
import { createProfilesSlice, type ProfilesSlice } from './profiles-slice'
import { createNavigationSlice, type NavigationSlice } from './navigation-slice'
import { createHistorySlice, type HistorySlice } from './history-slice'
import { createInboxSlice, type InboxSlice } from './inbox-slice'
import { createConsoleSlice, type ConsoleSlice } from './console-slice'
import { createProbeSlice, type ProbeSlice } from './probe-slice'

/** The whole renderer state: slices merged into one store (zustand slices pattern). */
export type AppState = ComposeSlice &
  SessionSlice &
  WireLogSlice &
  ProfilesSlice &
  NavigationSlice &
  HistorySlice &
  InboxSlice &
  ConsoleSlice &
  ProbeSlice

type Mutators = [['zustand/subscribeWithSelector', never]]

/** A slice creator: it sees the whole state, middleware is applied only at the root. */
export type AppSlice<T> = StateCreator<AppState, Mutators, [], T>

/** What the store's actions need from the outside: the `window.mailwire` API. */
export interface StoreDeps {
  api: MailwireApi
  /** Options for the wire log (tests use a small cap). */
  wireLogCap?: number
}

export type AppStore = StoreApi<AppState> & {
  subscribe: {
    (listener: (state: AppState, previous: AppState) => void): () => void
    <U>(
      selector: (state: AppState) => U,
      listener: (selected: U, previous: U) => void,
      options?: { equalityFn?: (a: U, b: U) => boolean; fireImmediately?: boolean },
    ): () => void
  }
}

/** A fresh store. The app makes one at start; every test makes its own. */
export function createAppStore(deps: StoreDeps): AppStore {
  return createStore<AppState>()(
    subscribeWithSelector((...args) => ({
      ...createComposeSlice(deps)(...args),
      ...createSessionSlice(deps)(...args),
      ...createWireLogSlice(deps)(...args),
      ...createProfilesSlice(deps)(...args),
      ...createNavigationSlice()(...args),
      // Finished sessions (History, the inbox's records) get stores of their own: see transcript-store.ts.
      ...createHistorySlice(deps, () => createAppStore(deps))(...args),
      ...createInboxSlice(deps, () => createAppStore(deps))(...args),
      // The console's and the probe's logs too, one store per connection or probe.
      ...createConsoleSlice(deps, () => createAppStore(deps))(...args),
      ...createProbeSlice(deps, () => createAppStore(deps))(...args),
    })),
  )
}
