import { useState } from 'react'
import type { PresentedCa } from '../../../../preload/contract'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import styles from './result.module.css'

type Step = { name: 'choose' } | { name: 'confirm-trust' } | { name: 'confirm-invalid' } | { name: 'done'; text: string } | { name: 'failed'; text: string }

/**
 * The fixes of a certificate that did not verify, on the error itself: open the server's
 * settings, trust the CA the server presented (its fingerprint shown first), or accept an
 * invalid certificate for this server only. Each saves the profile; the next Send uses it.
 */
export function CertificateActions({ presentedCa, profileId }: { presentedCa?: PresentedCa; profileId: string }) {
  const store = useAppStoreApi()
  const profile = useAppStore((state) => state.profiles.list.find((p) => p.id === profileId))
  const [step, setStep] = useState<Step>({ name: 'choose' })
  if (!profile || profile.kind === 'local-inbox') return null

  const save = async (patch: { caPem: string } | { allowInvalidCertificate: true }, done: string) => {
    const hadPassword = profile.hasPassword
    const failed = await store.getState().patchProfile(profile.id, patch)
    if (failed) return setStep({ name: 'failed', text: failed })
    // Changing either clears a stored password (PASSWORD_BOUND_FIELDS): say so, not silently.
    setStep({ name: 'done', text: `${done}${hadPassword ? ' Its stored password was cleared with this change: enter it again in the settings.' : ''} Send again to use it.` })
  }
  const trust = () => {
    const caPem = profile.caPem.trim() === '' ? presentedCa!.pem : `${profile.caPem.trim()}\n${presentedCa!.pem}`
    void save({ caPem }, `${profile.name} now trusts ${presentedCa!.subject}.`)
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
            <button type="button" data-testid="cert-open-settings" onClick={() => store.getState().openProfileEditor(profile.id)}>
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
            Trust this CA for <strong>{profile.name}</strong> only? Compare its fingerprint with the one the server’s
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
            Anyone between you and {profile.name} could read and change its sessions, the password included. Use this only to
            inspect a test server.
          </p>
          <div className={styles['cert-buttons']}>
            <button
              type="button"
              className="danger"
              data-testid="cert-invalid-save"
              onClick={() => void save({ allowInvalidCertificate: true }, `${profile.name} now accepts an invalid certificate.`)}
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
