import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla'
import { subscribeWithSelector } from 'zustand/middleware'
import type { MailwireApi } from '../../../preload/contract'
import { createComposeSlice, type ComposeSlice } from './compose-slice'
import { createSessionSlice } from './session-slice'
import { createSendSlice, type SendSlice } from './send-slice'
import { createWireLogSlice } from './wire-log-slice'
import { createLogStore, type LogState, type LogStoreDeps } from './log-store'
import { createProfilesSlice, type ProfilesSlice } from './profiles-slice'
import { createNavigationSlice, type NavigationSlice } from './navigation-slice'
import { createHistorySlice, type HistorySlice } from './history-slice'
import { createInboxSlice, type InboxSlice } from './inbox-slice'
import { createInboxAuthSlice, type InboxAuthSlice } from './inbox-auth-slice'
import { createDomainSecuritySlice, type DomainSecuritySlice } from './domain-security-slice'
import { createConsoleSlice, type ConsoleSlice } from './console-slice'
import { createProbeSlice, type ProbeSlice } from './probe-slice'
import { createEnvelopeSlice, type EnvelopeSlice } from './envelope-slice'
import { createCommandSlice, type CommandSlice } from './command-slice'
import { createArrivedSlice, type ArrivedSlice } from './arrived-slice'
import { createSendAgainSlice, type SendAgainSlice } from './send-again-slice'
import { createLoadSlice, type LoadSlice } from './load-slice'

/**
 * The whole renderer state: slices merged into one store (zustand slices pattern). It is
 * also the live session's log (LogState: the Send view's wire log and result), so the
 * bridge feeds it and Send, Cancel and Esc act on it; finished sessions, the console and
 * the probe get log stores of their own (log-store.ts), never a second app store.
 */
export type AppState = LogState &
  ComposeSlice &
  SendSlice &
  ProfilesSlice &
  NavigationSlice &
  HistorySlice &
  InboxSlice &
  EnvelopeSlice &
  InboxAuthSlice &
  DomainSecuritySlice &
  ConsoleSlice &
  ProbeSlice &
  CommandSlice &
  ArrivedSlice &
  SendAgainSlice &
  LoadSlice

type Mutators = [['zustand/subscribeWithSelector', never]]

/** A slice creator: it sees the whole state, middleware is applied only at the root. */
export type AppSlice<T> = StateCreator<AppState, Mutators, [], T>

/** What the store's actions need from the outside: the `window.mailwire` API. */
export interface StoreDeps extends LogStoreDeps {
  api: MailwireApi
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
  const freshLog = () => createLogStore(deps)
  return createStore<AppState>()(
    subscribeWithSelector((...args) => ({
      ...createComposeSlice(deps)(...args),
      ...createWireLogSlice(deps)(...args),
      ...createSessionSlice(deps)(...args),
      ...createSendSlice(deps)(...args),
      ...createProfilesSlice(deps)(...args),
      ...createNavigationSlice()(...args),
      // Finished sessions (History, the inbox's records) get log stores: see transcript-store.ts.
      ...createHistorySlice(deps, freshLog)(...args),
      ...createInboxSlice(deps, freshLog)(...args),
      ...createInboxAuthSlice(deps)(...args),
      ...createDomainSecuritySlice(deps)(...args),
      // The console's and the probe's logs too, one log store per connection or probe.
      ...createConsoleSlice(deps, freshLog)(...args),
      ...createProbeSlice(deps, freshLog)(...args),
      ...createEnvelopeSlice()(...args),
      ...createCommandSlice(deps)(...args),
      ...createArrivedSlice(deps)(...args),
      ...createSendAgainSlice(deps)(...args),
      ...createLoadSlice(deps)(...args),
    })),
  )
}
