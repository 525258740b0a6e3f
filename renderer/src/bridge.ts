// The only renderer file that touches `window.mailwire`. It hands the API to the store,
// subscribes once to the main process's events and feeds them to the store's actions.

import type { AppCommand, MailwireApi } from '../../preload/contract'
import type { AppStore } from './store/app-store'
import { startDraftAutosave } from './store/draft-autosave'
import { startDefaultBodyFollower } from './store/default-body'

/** The API the preload exposed; absent only when the page runs outside the app. */
export function getMailwireApi(): MailwireApi {
  // Read without a global declaration, so this file does not clash with one elsewhere.
  const api = (window as unknown as { mailwire?: MailwireApi }).mailwire
  if (!api) throw new Error('window.mailwire is missing: the page must run with the Mailwire preload')
  return api
}

export interface BridgeOptions {
  draftSaveDelayMs?: number
}

/** Subscribes the store to main's events and loads profiles and the draft. */
export function connectBridge(store: AppStore, api: MailwireApi, options: BridgeOptions = {}): () => void {
  const actions = store.getState()
  const autosave = startDraftAutosave(store, api, options.draftSaveDelayMs)
  const commands: Record<AppCommand, () => void> = {
    // The menu works from any view, and shows the Send view so the session is visible.
    send: () => {
      actions.showView('send')
      void actions.send()
    },
    cancel: () => void actions.cancel(),
    'new-message': () => {
      actions.showView('send')
      actions.newMessage()
    },
    'flush-draft': () => autosave.flush(),
    'open-session': () => void actions.openSessionFile(),
  }
  const unsubscribers = [
    startDefaultBodyFollower(store),
    api.session.onWire((batch) => actions.appendWireBatch(batch)),
    api.session.onState((event) => actions.applySessionState(event)),
    api.session.onResult((event) => {
      actions.applySessionResult(event)
      actions.historySessionSaved(event)
      void actions.sendAgainFinished(event)
    }),
    api.inbox.onMessage((message) => actions.inboxMessageArrived(message)),
    api.inbox.onSessionEnded((session) => actions.inboxSessionEnded(session)),
    api.app.onCommand((command) => commands[command]?.()),
    api.console.onWire((batch) => actions.appendConsoleWire(batch)),
    api.console.onState((status) => actions.applyConsoleState(status)),
    api.probe.onWire((batch) => actions.appendProbeWire(batch)),
    api.load.onProgress((event) => actions.applyLoadProgress(event)),
  ]

  void actions.loadProfiles()
  // Shown beside Send when the local inbox profile is selected; reading them starts nothing.
  void actions.loadInboxFaults()
  void api.drafts.load().then((loaded) => {
    // Without a readable draft the form starts empty; autosave still starts.
    actions.restoreDraft(loaded.ok ? loaded.value : null)
  })

  return () => {
    autosave.stop()
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}
