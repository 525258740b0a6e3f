import { useId, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { ProfileSummary } from './ProfileSummary'
import { useRefocusWhenLost } from '../../shared/use-refocus-when-lost'
import styles from './profiles.module.css'

/** Which server to send through; Edit and New open the editor (ProfileEditor). */
export function ProfilePicker() {
  const store = useAppStoreApi()
  const { list, selectedId, editorOpen, loadError } = useAppStore(
    useShallow((state) => ({
      list: state.profiles.list,
      selectedId: state.profiles.selectedId,
      editorOpen: state.profiles.editor !== null,
      loadError: state.profiles.loadError,
    })),
  )
  const id = useId()
  const editButton = useRef<HTMLButtonElement>(null)
  const newButton = useRef<HTMLButtonElement>(null)
  // The editor closed (saved, cancelled, removed) with the focus in it: back to Edit.
  useRefocusWhenLost(editorOpen, () => (editorOpen ? undefined : (editButton.current ?? newButton.current)))
  const selected = list.find((p) => p.id === selectedId)
  const actions = store.getState()
  return (
    <div className={styles['server']} data-testid="server">
      <div className={styles['server-row']}>
        <label htmlFor={id}>Server</label>
        {list.length > 0 ? (
          <select
            id={id}
            data-testid="profile-select"
            value={selectedId ?? ''}
            onChange={(event) => actions.selectProfile(event.target.value)}
          >
            {list.map((profile) => (
              <option key={profile.id} value={profile.id}>
                {profile.name || profile.host}
              </option>
            ))}
          </select>
        ) : (
          <span className="muted" id={id}>
            No server yet
          </span>
        )}
        {selected && <ProfileSummary profile={selected} testId="profile-summary" />}
        <span className="spacer" />
        {selected?.kind === 'local-inbox' && (
          <button type="button" data-testid="profile-open-inbox" onClick={() => actions.showView('inbox')}>
            Open inbox
          </button>
        )}
        {selected && selected.kind !== 'local-inbox' && !editorOpen && (
          <button type="button" ref={editButton} data-testid="profile-edit" onClick={() => actions.openProfileEditor(selected.id)}>
            Edit
          </button>
        )}
        {!editorOpen && (
          <button type="button" ref={newButton} data-testid="profile-new" onClick={() => actions.openProfileEditor(null)}>
            New server
          </button>
        )}
      </div>
      {loadError && <p className="field-error">Could not read the servers: {loadError}</p>}
    </div>
  )
}
