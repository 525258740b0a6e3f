import { useState } from 'react'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { profileFormProblems } from '../../store/profiles-slice'
import type { SecurityMode } from '../../../../preload/contract'
import { SECURITY_MODES } from '../../domain/default-port'
import { ConnectionFields, Field, hasConnectionSettings, ProfileToggle, TextField } from './EditorFields'
import { ProtocolField } from './ProtocolField'
import { PasswordMoveNotice } from './PasswordMoveNotice'
import styles from './profiles.module.css'

/** Highest TCP port number. */
const MAX_PORT = 65535

/** Add or change a server profile. The password is write-only: main never sends it back. */
export function ProfileEditor() {
  const store = useAppStoreApi()
  const editor = useAppStore((state) => state.profiles.editor)
  const secretStoreAvailable = useAppStore((state) => state.profiles.secretStoreAvailable)
  const secretStoreBackend = useAppStore((state) => state.profiles.secretStoreBackend)
  const saved = useAppStore((state) => state.profiles.list.find((profile) => profile.id === state.profiles.editor?.id))
  const [confirmRemove, setConfirmRemove] = useState(false)
  const [showAdvanced, setShowAdvanced] = useState(false)
  if (!editor) return null
  const { fields, fieldErrors } = editor
  const actions = store.getState()
  const portValid = Number.isInteger(fields.port) && fields.port >= 1 && fields.port <= MAX_PORT
  // Save stays off until the name, host and port are there (main refuses the form without them).
  const canSave = Object.keys(profileFormProblems(fields)).length === 0 && !editor.saving
  const advancedOpen = showAdvanced || fields.caPem !== '' || fields.clientName !== '' || fields.allowPlaintextAuth || hasConnectionSettings(fields)

  return (
    <form
      className={styles['profile-editor']}
      data-testid="profile-editor"
      aria-label={editor.id ? 'Edit server' : 'New server'}
      onSubmit={(event) => {
        event.preventDefault()
        if (canSave) void actions.saveProfile()
      }}
    >
      <div className={styles['grid']}>
        {/* Edit and New server give way to the editor: the focus starts on its first field. */}
        <TextField name="name" label="Name" data-testid="profile-name" placeholder="Work relay" autoFocus />
        <TextField name="host" label="Host" wide trim data-testid="profile-host" className="mono" placeholder="smtp.example.com" spellCheck={false} required />
        <Field label="Security" error={fieldErrors['security']}>
          {(id) => (
            <select
              id={id}
              data-testid="profile-security"
              value={fields.security}
              onChange={(event) => actions.setProfileSecurity(event.target.value as SecurityMode)}
            >
              {SECURITY_MODES.map((mode) => (
                <option key={mode.value} value={mode.value} title={mode.hint}>
                  {mode.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Port" error={fieldErrors['port'] ?? (portValid ? undefined : `a port from 1 to ${MAX_PORT}`)}>
          {(id) => (
            <input
              id={id}
              data-testid="profile-port"
              className="mono"
              type="number"
              min={1}
              max={MAX_PORT}
              value={Number.isNaN(fields.port) ? '' : fields.port}
              onChange={(event) => actions.setProfilePort(event.target.valueAsNumber)}
            />
          )}
        </Field>
        <ProtocolField />
        <TextField name="username" label="User name" data-testid="profile-username" autoComplete="off" spellCheck={false} placeholder="none: no AUTH" />
        <Field
          label="Password"
          error={fieldErrors['password']}
          note={
            editor.hasPassword && !editor.forgetPassword && editor.password === '' ? (
              <span className={styles['stored']} data-testid="password-stored">
                stored ·{' '}
                <button type="button" className="link-button" onClick={() => actions.setForgetPassword(true)}>
                  forget
                </button>
              </span>
            ) : editor.forgetPassword ? (
              <span className="muted">will be forgotten</span>
            ) : undefined
          }
        >
          {(id) => (
            <input
              id={id}
              data-testid="profile-password"
              type="password"
              autoComplete="new-password"
              placeholder={editor.hasPassword && !editor.forgetPassword ? '•••••••• (unchanged)' : ''}
              value={editor.password}
              onChange={(event) => actions.setProfilePassword(event.target.value)}
            />
          )}
        </Field>
      </div>
      {saved && editor.hasPassword && !editor.forgetPassword && editor.password === '' && (
        <PasswordMoveNotice saved={saved} fields={fields} />
      )}
      {!secretStoreAvailable && (
        <p className="warning" data-testid="secret-store-warning">
          This system offers no secure password store{secretStoreBackend ? ` (${secretStoreBackend})` : ''}: passwords
          are kept in memory for this run only and must be typed again after a restart.
        </p>
      )}
      <ProfileToggle name="allowInvalidCertificate" testId="profile-allow-invalid">
        Accept an invalid certificate (expired, self-signed, wrong name)
      </ProfileToggle>
      {fields.allowInvalidCertificate && (
        <p className="warning" data-testid="invalid-cert-warning">
          Anyone between you and the server could read and change this session, including the password.
          Use this only to inspect a test server.
        </p>
      )}
      <button
        type="button"
        className="link-button"
        aria-expanded={advancedOpen}
        onClick={() => setShowAdvanced(!advancedOpen)}
      >
        {advancedOpen ? '− Fewer options' : '+ More options'}
      </button>
      {advancedOpen && (
        <div className={styles['grid']}>
          <TextField
            name="clientName"
            label="Client name (EHLO)"
            trim
            data-testid="profile-client-name"
            className="mono"
            placeholder="this computer's name"
            spellCheck={false}
          />
          <Field label="Custom CA (PEM)" error={fieldErrors['caPem']} wide>
            {(id) => (
              <textarea
                id={id}
                data-testid="profile-ca"
                className="mono"
                rows={3}
                spellCheck={false}
                placeholder="-----BEGIN CERTIFICATE-----"
                value={fields.caPem}
                onChange={(event) => actions.updateProfileFields({ caPem: event.target.value })}
              />
            )}
          </Field>
          <ConnectionFields />
          <ProfileToggle name="allowPlaintextAuth" testId="profile-allow-plaintext" wide>
            Allow the password over a connection without TLS
          </ProfileToggle>
          {fields.allowPlaintextAuth && (
            <p className={`warning ${styles['wide']}`} data-testid="plaintext-warning">
              Without TLS the password crosses the network readable by anyone on the path.
            </p>
          )}
        </div>
      )}
      {/* Shown once: an error already under its field is not repeated here. */}
      {editor.error && !Object.values(fieldErrors).includes(editor.error) && (
        <p className="field-error" role="alert" data-testid="profile-error">
          {editor.error}
        </p>
      )}
      <div className={styles['editor-actions']}>
        {/* Saving: busy, not disabled, so the focus stays here (onSubmit ignores it meanwhile). */}
        <button type="submit" className="primary" data-testid="profile-save" disabled={!canSave && !editor.saving} aria-disabled={editor.saving || undefined}>
          {editor.saving ? 'Saving…' : 'Save server'}
        </button>
        <button type="button" data-testid="profile-cancel" onClick={() => actions.closeProfileEditor()}>
          Close
        </button>
        <span className="spacer" />
        {editor.id &&
          (confirmRemove ? (
            <>
              <span className="muted">Remove this server?</span>
              <button type="button" className="danger" data-testid="profile-remove-confirm" onClick={() => void actions.removeProfile(editor.id!)}>
                Remove
              </button>
              <button type="button" onClick={() => setConfirmRemove(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="danger-quiet" data-testid="profile-remove" onClick={() => setConfirmRemove(true)}>
              Remove…
            </button>
          ))}
      </div>
    </form>
  )
}
