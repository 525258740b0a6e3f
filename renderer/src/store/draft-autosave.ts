import type { MailwireApi } from '../../../preload/contract'
import type { AppStore } from './app-store'
import { toComposeModel } from './compose-model'

/** Typing pauses longer than this save the draft. */
export const DRAFT_SAVE_DELAY_MS = 500

/**
 * Saves the draft through the main process a moment after the user stops typing, and
 * at once when the page is hidden or closed, so a draft is never lost. Starts only once
 * the stored draft has been restored, so an empty form cannot overwrite it.
 */
export interface DraftAutosave {
  /** Saves now if anything changed since the last save. */
  flush(): void
  stop(): void
}

export function startDraftAutosave(store: AppStore, api: MailwireApi, delayMs = DRAFT_SAVE_DELAY_MS): DraftAutosave {
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastSaved = ''

  const flush = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    const { compose } = store.getState()
    if (!compose.draftLoaded) return
    const draft = toComposeModel(compose, { forDraft: true })
    const serialized = JSON.stringify(draft)
    if (serialized === lastSaved) return
    lastSaved = serialized
    void api.drafts.save(draft).then((saved) => {
      // Try again with the next change if main could not store it.
      if (!saved.ok && lastSaved === serialized) lastSaved = ''
    })
  }

  const unsubscribe = store.subscribe(
    (state) => state.compose,
    (compose, previous) => {
      if (!compose.draftLoaded) return
      if (!previous.draftLoaded) {
        // The restored draft is what is stored already.
        lastSaved = JSON.stringify(toComposeModel(compose, { forDraft: true }))
        return
      }
      if (timer !== undefined) clearTimeout(timer)
      timer = setTimeout(flush, delayMs)
    },
  )

  const onHidden = () => {
    if (document.visibilityState === 'hidden') flush()
  }
  window.addEventListener('pagehide', flush)
  document.addEventListener('visibilitychange', onHidden)

  return {
    flush,
    stop: () => {
      flush()
      unsubscribe()
      window.removeEventListener('pagehide', flush)
      document.removeEventListener('visibilitychange', onHidden)
    },
  }
}
