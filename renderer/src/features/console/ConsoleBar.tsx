import { useId } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { ConsoleStatus, Profile } from '../../../../preload/contract'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { LockIcon } from '../../shared/icons'
import { ProfileSummary } from '../profiles/ProfileSummary'
import { ConsoleAnnouncer } from './ConsoleAnnouncer'
import styles from './console.module.css'

const STATE_LABEL: Record<ConsoleStatus['state'], string> = {
  connecting: 'connecting…',
  ready: 'connected',
  waiting: 'waiting for the reply…',
  data: 'DATA: enter the message',
  closed: 'closed',
}

/** Which server, connect and close, and the STARTTLS and AUTH actions. */
export function ConsoleBar() {
  const store = useAppStoreApi()
  const id = useId()
  const { profiles, chosenId, sendProfileId, status, pending } = useAppStore(
    useShallow((state) => ({
      profiles: state.profiles.list,
      chosenId: state.smtpConsole.profileId,
      sendProfileId: state.profiles.selectedId,
      status: state.smtpConsole.status,
      pending: state.smtpConsole.pending,
    })),
  )
  const profileId = chosenId ?? sendProfileId
  const selected = profiles.find((profile) => profile.id === profileId)
  const open = status !== undefined && status.state !== 'closed'
  const ready = status?.state === 'ready' && pending === undefined
  const actions = store.getState()
  // Main's status is from the last answer; while a request is out, a reply is due.
  const state = pending === 'open' ? 'connecting' : pending !== undefined && status?.state !== 'closed' ? 'waiting' : status?.state

  const startTlsWhy = !ready
    ? undefined
    : status.secure
      ? 'TLS is already on'
      : status.capabilities && !status.capabilities.startTls
        ? 'the server did not offer STARTTLS in its EHLO reply (it may still accept it)'
        : undefined
  const authWhy = !status?.canAuthenticate
    ? 'the profile has no user name, or no password (or OAuth2 token) is stored'
    : status.authenticated
      ? 'already logged in'
      : undefined

  return (
    <div className={styles['console-bar']} data-testid="console-bar">
      <label htmlFor={id}>Server</label>
      <select
        id={id}
        data-testid="console-profile"
        value={profileId ?? ''}
        disabled={open || pending === 'open'}
        onChange={(event) => actions.setConsoleProfile(event.target.value)}
      >
        {profiles.length === 0 && <option value="">No server yet: add one in Send</option>}
        {profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profile.name || profile.host}
          </option>
        ))}
      </select>
      {selected && <ProfileSummary profile={selected} testId="console-profile-summary" />}
      {open || pending === 'open' ? (
        <>
          <button
            type="button"
            data-testid="console-starttls"
            disabled={!ready || status?.secure === true}
            title={startTlsWhy ?? 'STARTTLS, the TLS handshake (certificate checked as the profile says), then EHLO again'}
            onClick={() => void actions.consoleStartTls()}
          >
            <LockIcon /> STARTTLS
          </button>
          <button
            type="button"
            data-testid="console-auth"
            disabled={!ready || authWhy !== undefined}
            title={authWhy ?? authTitle(selected)}
            onClick={() => void actions.consoleAuth()}
          >
            AUTH
          </button>
          <span className="spacer" />
          {(state === 'waiting' || state === 'connecting' || pending !== undefined) && (
            <button type="button" data-testid="console-cancel" data-console-cancel onClick={() => void actions.cancelConsole()}>
              Cancel
            </button>
          )}
          <button type="button" data-testid="console-close" disabled={pending === 'close'} onClick={() => void actions.closeConsole()}>
            QUIT and close
          </button>
        </>
      ) : (
        <>
          <span className="spacer" />
          <button type="button" className="primary" data-testid="console-connect" data-console-input disabled={!selected} onClick={() => void actions.openConsole()}>
            Connect
          </button>
        </>
      )}
      <ConsoleAnnouncer />
      <div className={styles['console-state']} data-testid="console-state" data-state={state ?? 'idle'}>
        {state ? (
          <>
            <span className={`${styles['state-dot']} ${styles[`state-${state}`]}`} aria-hidden="true" />
            {STATE_LABEL[state]}
          </>
        ) : (
          <span className="muted">not connected</span>
        )}
        {/* TLS and login end with the connection: after QUIT the bar says closed, nothing more. */}
        {open && status.secure && status.tls && (
          <span className={`${styles['console-chip']} ${styles['console-chip-tls']}`} data-testid="console-tls">
            <LockIcon /> {status.tls.protocol}
            {status.tls.authorized ? '' : ' · not verified'}
          </span>
        )}
        {status && !status.secure && open && <span className={`${styles['console-chip']} ${styles['console-chip-plain']}`}>cleartext</span>}
        {open && status.authenticated && <span className={`${styles['console-chip']} ${styles['console-chip-auth']}`}>logged in</span>}
      </div>
    </div>
  )
}

/** What the AUTH button will do: the profile's mechanism (the strongest offered when none is set) and which stored secret. */
function authTitle(profile: Profile | undefined): string {
  const mechanism = profile?.authMechanism
  const secret = mechanism === 'XOAUTH2' || mechanism === 'OAUTHBEARER' ? 'the stored OAuth2 token' : 'the stored password'
  return `AUTH ${mechanism ?? ''}${mechanism ? ' ' : ''}as ${profile?.username ?? ''} with ${secret} (never shown, never logged)`
}
