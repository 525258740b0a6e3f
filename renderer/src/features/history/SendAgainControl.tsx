import { useState } from 'react'
import type { SessionReplay } from '../../../../preload/contract'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { isRunning } from '../../store/session-slice'

/** Send again: this entry's message once more, through its own server or another; the comparison opens when it ends. */
export function SendAgainControl({ id, replay }: { id: string; replay: SessionReplay }) {
  const store = useAppStoreApi()
  const profiles = useAppStore((state) => state.profiles.list)
  const busy = useAppStore((state) => isRunning(state.session.status) || state.sendAgain.pending !== undefined)
  const sending = useAppStore((state) => state.sendAgain.pending?.originalId === id)
  const error = useAppStore((state) => (state.sendAgain.error?.historyId === id ? state.sendAgain.error.message : undefined))
  const own = profiles.some((profile) => profile.id === replay.profileId)
  const [chosen, setChosen] = useState(own ? replay.profileId : (profiles[0]?.id ?? ''))
  return (
    <span className="send-again-control">
      <label>
        <span className="visually-hidden">Send again through</span>
        <select data-testid="send-again-profile" aria-label="Send again through" value={chosen} onChange={(event) => setChosen(event.target.value)}>
          {profiles.map((profile) => (
            <option key={profile.id} value={profile.id}>
              {profile.name}
              {profile.id === replay.profileId ? ' (as before)' : ''}
            </option>
          ))}
        </select>
      </label>
      <button type="button" data-testid="send-again-button" disabled={busy || chosen === ''} onClick={() => void store.getState().sendHistoryAgain(id, chosen)}>
        {sending ? 'Sending again…' : 'Send again'}
      </button>
      {error && (
        <p className="field-error" role="alert" data-testid="send-again-error">
          Not sent again: {error}
        </p>
      )}
    </span>
  )
}
