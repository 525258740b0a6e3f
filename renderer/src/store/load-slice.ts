// The Send view's Load part (issue 18): how many copies over how many connections, the
// user's say-so for a server not on this machine, and the figures main pushes while the
// load runs (load:progress), the last of them kept until the next start.
import type { IpcError, LoadProgressEvent, LoadSnapshot } from '../../../preload/contract'
import type { AppSlice, StoreDeps } from './app-store'
import { localComposeProblems, toComposeModel } from './compose-model'

/** As main allows (main/smtp/load/limits.ts); main checks again. */
export const LOAD_LIMITS = { messages: 100_000, connections: 50 } as const

export interface LoadForm {
  /** As typed: checked on start. */
  messages: string
  connections: string
  /** "This server is mine": a load may go to a server that is not on loopback. */
  allowRemote: boolean
}

export interface LoadData {
  form: LoadForm
  /** Set from the start until the last figures (done) arrive. */
  loadId?: string
  starting: boolean
  snapshot?: LoadSnapshot
  /** Why it could not start (the form's or main's words). */
  error?: IpcError
}

export interface LoadSlice {
  load: LoadData
  updateLoadForm(patch: Partial<LoadForm>): void
  startLoad(): Promise<void>
  cancelLoad(): Promise<void>
  applyLoadProgress(event: LoadProgressEvent): void
}

export const isLoadRunning = (load: LoadData) => load.starting || load.loadId !== undefined

function count(text: string, max: number): number | undefined {
  const value = Number(text.trim())
  return /^\d+$/.test(text.trim()) && value >= 1 && value <= max ? value : undefined
}

export const createLoadSlice =
  ({ api }: StoreDeps): AppSlice<LoadSlice> =>
  (set, get) => {
    const patchLoad = (patch: Partial<LoadData>) => set((state) => ({ load: { ...state.load, ...patch } }))
    return {
      load: { form: { messages: '100', connections: '4', allowRemote: false }, starting: false },

      updateLoadForm: (patch) => set((state) => ({ load: { ...state.load, form: { ...state.load.form, ...patch } } })),

      startLoad: async () => {
        const { load, compose, profiles } = get()
        if (isLoadRunning(load)) return
        get().commitPendingRecipients()
        const messages = count(load.form.messages, LOAD_LIMITS.messages)
        const connections = count(load.form.connections, LOAD_LIMITS.connections)
        const refuse = (field: string, message: string) => patchLoad({ error: { code: 'EINVALID', field, message } })
        if (messages === undefined) return refuse('loadMessages', `Messages: a whole number from 1 to ${LOAD_LIMITS.messages.toLocaleString('en-US')}.`)
        if (connections === undefined) return refuse('loadConnections', `Connections: a whole number from 1 to ${LOAD_LIMITS.connections}.`)
        const problem = localComposeProblems(get().compose)[0]
        if (problem) return refuse(problem.field, `Fix the message first: ${problem.message}.`)
        if (!profiles.selectedId) return refuse('profile', 'Choose or add a server to load.')
        patchLoad({ starting: true, error: undefined, snapshot: undefined })
        const started = await api.load.start({ profileId: profiles.selectedId, compose: toComposeModel(compose), messages, connections, allowRemote: load.form.allowRemote })
        if (!started.ok) return patchLoad({ starting: false, error: started.error })
        // The last figures may have come before this answer (a tiny load): keep them.
        set((state) => ({ load: { ...state.load, starting: false, ...(state.load.snapshot?.done ? {} : { loadId: started.value.loadId }) } }))
      },

      cancelLoad: async () => {
        if (get().load.loadId === undefined) return
        const cancelled = await api.load.cancel()
        if (!cancelled.ok) patchLoad({ error: cancelled.error })
      },

      applyLoadProgress: ({ loadId, snapshot }) =>
        set((state) => {
          const { load } = state
          // A start still waiting for its id takes the first figures as its own.
          if (load.loadId !== undefined && load.loadId !== loadId) return state
          if (load.loadId === undefined && !load.starting) return state
          const { loadId: _running, ...rest } = load
          return { load: snapshot.done ? { ...rest, snapshot } : { ...load, loadId, snapshot } }
        }),
    }
  }
