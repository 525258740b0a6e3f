import { useState } from 'react'
import type { PresentedCa, SecurityMode } from '../../../../preload/contract'
import { savedServerAt, type ProfileFields } from '../../store/profiles-slice'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import styles from './result.module.css'

type Step = { name: 'choose' } | { name: 'confirm-trust' } | { name: 'confirm-invalid' } | { name: 'done'; text: string } | { name: 'failed'; text: string }

/** A server typed in (the Probe view without a profile): a fix saves it as a new profile, unless one is saved with its address and security. */
export interface TypedServer {
  host: string
  port: number
  security: SecurityMode
}

interface CertificateActionsProps {
  presentedCa?: PresentedCa
  /** The saved server the fixes change; without it, `typedServer` (or the profile saved at its address) gets them. */
  profileId?: string
  typedServer?: TypedServer
  /** What uses the change: "Send again" (the default) or "Probe again". */
  nextStep?: string
  /** Told which profile now holds the fix (the Probe view chooses it for the next probe). */
  onSaved?: (profileId: string) => void
}

const labelOf = (server: TypedServer) => (server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`)

/**
 * The fixes of a certificate that did not verify, on the error itself: open the server's
 * settings, trust the CA the server presented (its fingerprint shown first), or accept an
 * invalid certificate for this server only. Each saves the profile (a typed server becomes
 * one); the next Send or probe uses it. Used by the Send view's error and the probe report.
 */
export function CertificateActions({ presentedCa, profileId, typedServer, nextStep = 'Send again', onSaved }: CertificateActionsProps) {
  const store = useAppStoreApi()
  // A typed server that is saved already (same host, port and security) gets the fix: not a second profile.
  const profile = useAppStore((state) => (profileId ? state.profiles.list.find((p) => p.id === profileId) : typedServer ? savedServerAt(state.profiles.list, typedServer.host, typedServer.port, typedServer.security) : undefined))
  const [step, setStep] = useState<Step>({ name: 'choose' })
  if (profileId ? !profile || profile.kind === 'local-inbox' : !typedServer) return null
  const name = profile?.name ?? labelOf(typedServer!)

  const save = async (patch: Partial<Pick<ProfileFields, 'caPem' | 'allowInvalidCertificate'>>, done: string) => {
    if (!profile) {
      const added = await store.getState().addProfile({ ...typedServer!, name, ...patch })
      if (typeof added === 'string') return setStep({ name: 'failed', text: added })
      setStep({ name: 'done', text: `${done} It is saved as the server “${name}”. ${nextStep} to use it.` })
      onSaved?.(added.id)
      return
    }
    const hadPassword = profile.hasPassword
    const failed = await store.getState().patchProfile(profile.id, patch)
    if (failed) return setStep({ name: 'failed', text: failed })
    // Changing either clears a stored password (PASSWORD_BOUND_FIELDS): say so, not silently.
    setStep({ name: 'done', text: `${done}${hadPassword ? ' Its stored password was cleared with this change: enter it again in the settings.' : ''} ${nextStep} to use it.` })
    onSaved?.(profile.id)
  }
  const trust = () => {
    const own = profile?.caPem.trim() ?? ''
    const caPem = own === '' ? presentedCa!.pem : `${own}\n${presentedCa!.pem}`
    void save({ caPem }, `${name} now trusts ${presentedCa!.subject}.`)
  }
  /** The server's settings are edited in the Send view; a typed server opens as a new one, filled in. */
  const openSettings = () => {
    const actions = store.getState()
    actions.openProfileEditor(profile ? profile.id : null)
    if (!profile) {
      actions.updateProfileFields({ name, host: typedServer!.host, security: typedServer!.security })
      actions.setProfilePort(typedServer!.port)
    }
    actions.showView('send')
  }

  return (
    <div className={styles['cert-actions']} data-testid="cert-actions">
      {step.name === 'choose' && (
        <>
          {!presentedCa && (
            <p className="muted" data-testid="cert-no-ca">
              The server did not send its CA certificate: get it from its administrator and paste it in the settings.
            </p>
          )}
          <div className={styles['cert-buttons']}>
            {presentedCa && (
              <button type="button" className="primary" data-testid="cert-trust" onClick={() => setStep({ name: 'confirm-trust' })}>
                Trust the server’s CA…
              </button>
            )}
            <button type="button" data-testid="cert-open-settings" onClick={openSettings}>
              Open server settings
            </button>
            <button type="button" className="danger-quiet" data-testid="cert-accept-invalid" onClick={() => setStep({ name: 'confirm-invalid' })}>
              Accept an invalid certificate for this server…
            </button>
          </div>
        </>
      )}
      {step.name === 'confirm-trust' && presentedCa && (
        <div data-testid="cert-trust-confirm">
          <p>
            Trust this CA for <strong>{name}</strong> only? Compare its fingerprint with the one the server’s
            administrator gives you: anyone between you and the server could have sent it.
          </p>
          <dl className={styles['cert-facts']}>
            <dt>CA</dt>
            <dd className="mono" data-testid="cert-ca-subject">
              {presentedCa.subject}
            </dd>
            <dt>SHA-256</dt>
            <dd className={`mono ${styles['fingerprint']}`} data-testid="cert-ca-fingerprint">
              {presentedCa.fingerprint256}
            </dd>
          </dl>
          <div className={styles['cert-buttons']}>
            <button type="button" className="primary" data-testid="cert-trust-save" onClick={trust}>
              Trust and save
            </button>
            <button type="button" onClick={() => setStep({ name: 'choose' })}>
              Not now
            </button>
          </div>
        </div>
      )}
      {step.name === 'confirm-invalid' && (
        <div data-testid="cert-invalid-confirm">
          <p className="warning">
            Anyone between you and {name} could read and change its sessions, the password included. Use this only to
            inspect a test server.
          </p>
          <div className={styles['cert-buttons']}>
            <button
              type="button"
              className="danger"
              data-testid="cert-invalid-save"
              onClick={() => void save({ allowInvalidCertificate: true }, `${name} now accepts an invalid certificate.`)}
            >
              Accept for this server
            </button>
            <button type="button" onClick={() => setStep({ name: 'choose' })}>
              Not now
            </button>
          </div>
        </div>
      )}
      {step.name === 'done' && (
        <p className={styles['cert-done']} data-testid="cert-action-done">
          {step.text}
        </p>
      )}
      {step.name === 'failed' && (
        <p className="field-error" data-testid="cert-action-failed">
          Not saved: {step.text}
        </p>
      )}
    </div>
  )
}
