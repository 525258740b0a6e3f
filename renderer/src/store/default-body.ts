import { LOCAL_INBOX_WELCOME_TEXT, type Profile } from '../../../preload/contract'
import type { AppStore } from './app-store'

/** The body the form offers for a server other than the local inbox, until the user writes one. */
export const TEST_MESSAGE_TEXT = 'A test message sent with Mailwire.\n'

const DEFAULT_BODIES = new Set([LOCAL_INBOX_WELCOME_TEXT, TEST_MESSAGE_TEXT])

/** The default body for messages through `profile`. */
export function defaultBodyFor(profile: Pick<Profile, 'kind'> | undefined): string {
  return profile?.kind === 'local-inbox' ? LOCAL_INBOX_WELCOME_TEXT : TEST_MESSAGE_TEXT
}

/**
 * Keeps the first run's body true to the server in use: "This message went to the local
 * test inbox…" must not go to another server. When the selected server changes (or the
 * draft arrives after it), a body that is still one of the defaults becomes the default of
 * the new server; a body the user wrote, even one character changed, is never touched.
 */
export function startDefaultBodyFollower(store: AppStore): () => void {
  const follow = () => {
    const { compose, profiles } = store.getState()
    if (!compose.draftLoaded || !profiles.loaded || compose.rawMode || !DEFAULT_BODIES.has(compose.text)) return
    const wanted = defaultBodyFor(profiles.list.find((profile) => profile.id === profiles.selectedId))
    if (wanted !== compose.text) store.getState().setText(wanted)
  }
  return store.subscribe(
    (state) => `${state.profiles.selectedId ?? ''} ${state.profiles.loaded} ${state.compose.draftLoaded}`,
    follow,
  )
}
