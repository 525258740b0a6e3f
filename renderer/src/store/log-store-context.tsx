import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { LogState, LogStore } from './log-store'

const LogStoreContext = createContext<LogStore | null>(null)

/**
 * The log that the WireLog and ResultPanel below show: the live session's (the app store,
 * in the Send view) or a store of its own (a History entry, an inbox record, the console,
 * the probe). `useAppStore` below it still means the app.
 */
export function LogStoreProvider({ store, children }: { store: LogStore; children: ReactNode }) {
  return <LogStoreContext.Provider value={store}>{children}</LogStoreContext.Provider>
}

/** The log store itself, for actions and imperative reads inside event handlers. */
export function useLogStoreApi(): LogStore {
  const store = useContext(LogStoreContext)
  if (!store) throw new Error('useLogStore needs a <LogStoreProvider> above it')
  return store
}

/** Select from the log store; wrap derived objects/arrays in `useShallow`. */
export function useLogStore<T>(selector: (state: LogState) => T): T {
  return useStore(useLogStoreApi(), selector)
}
