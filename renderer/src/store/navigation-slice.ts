import type { AppSlice } from './app-store'

/** Which top-level view the window shows. Views register in app/views.tsx. */
export type ViewId = 'send' | 'history' | 'inbox' | 'console' | 'probe'

export interface NavigationSlice {
  view: ViewId
  showView(view: ViewId): void
}

export const createNavigationSlice = (): AppSlice<NavigationSlice> => (set) => ({
  view: 'send',
  showView: (view) => set({ view }),
})
