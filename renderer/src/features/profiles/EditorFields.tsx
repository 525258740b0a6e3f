import { useId, type InputHTMLAttributes, type ReactNode } from 'react'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import type { ProfileFields } from '../../store/profiles-slice'
import styles from './profiles.module.css'
import { classNames } from '../../shared/class-names'

/** A labelled field of the profile editor, with its error under it. */
export function Field({
  label,
  error,
  note,
  wide,
  children,
}: {
  label: string
  error?: string
  note?: ReactNode
  wide?: boolean
  children: (id: string) => ReactNode
}) {
  const id = useId()
  return (
    <div className={classNames('field', error && 'has-error', wide && styles['wide'])}>
      <div className="field-row">
        <label htmlFor={id}>{label}</label>
        {note}
      </div>
      {children(id)}
      {error && <p className="field-error">{error}</p>}
    </div>
  )
}

type TextFieldName = 'name' | 'host' | 'username' | 'clientName'
type TextFieldProps = { name: TextFieldName; label: string; wide?: boolean; trim?: boolean } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'name' | 'id' | 'value' | 'onChange'
>

/** A text field of the profile, with its label and its error from the last save. */
export function TextField({ name, label, wide, trim, ...input }: TextFieldProps) {
  const store = useAppStoreApi()
  const value = useAppStore((state) => state.profiles.editor?.fields[name] ?? '')
  const error = useAppStore((state) => state.profiles.editor?.fieldErrors[name])
  return (
    <Field label={label} error={error} wide={wide}>
      {(id) => (
        <input
          {...input}
          id={id}
          value={value}
          onChange={(event) => store.getState().updateProfileFields({ [name]: trim ? event.target.value.trim() : event.target.value })}
        />
      )}
    </Field>
  )
}

type ToggleName = { [K in keyof ProfileFields]-?: ProfileFields[K] extends boolean ? K : never }[keyof ProfileFields]

/** A yes/no choice of the profile: a checkbox with its sentence. */
export function ProfileToggle({ name, testId, wide, children }: { name: ToggleName; testId: string; wide?: boolean; children: ReactNode }) {
  const store = useAppStoreApi()
  const checked = useAppStore((state) => state.profiles.editor?.fields[name] === true)
  return (
    <label className={wide ? `toggle ${styles['wide']}` : 'toggle'}>
      <input
        type="checkbox"
        data-testid={testId}
        checked={checked}
        onChange={(event) => store.getState().updateProfileFields({ [name]: event.target.checked })}
      />
      {children}
    </label>
  )
}

type ConnectionTextName = 'tlsCiphers' | 'tlsSni' | 'tlsCertPath' | 'tlsKeyPath' | 'tlsPfxPath' | 'proxyUrl' | 'localAddress' | DkimFieldName
type DkimFieldName = 'dkimDomain' | 'dkimSelector' | 'dkimKeyPath' | 'dkimHeaders'
type SecretName = 'oauthToken' | 'tlsPassphrase' | 'proxyPassword'
const HAS_SECRET = { oauthToken: 'hasOauthToken', tlsPassphrase: 'hasTlsPassphrase', proxyPassword: 'hasProxyPassword' } as const

/** True when the profile sets any connection or identity option (the editor then shows them). */
export function hasConnectionSettings(fields: ProfileFields): boolean {
  return (['authMechanism', 'tlsMinVersion', 'tlsMaxVersion', 'tlsCiphers', 'tlsSni', 'tlsCertPath', 'tlsPfxPath', 'proxyUrl', 'proxyProtocol', 'localAddress', 'waitLimits', 'dkimDomain', 'dkimKeyPath'] as const).some(
    (name) => (fields[name] ?? '') !== '',
  )
}

/** A plain text setting; empty means the default. */
function ConnectionText({ name, label, placeholder }: { name: ConnectionTextName; label: string; placeholder: string }) {
  const store = useAppStoreApi()
  const value = useAppStore((state) => state.profiles.editor?.fields[name] ?? '')
  const error = useAppStore((state) => state.profiles.editor?.fieldErrors[name])
  return (
    <Field label={label} error={error}>
      {(id) => (
        <input
          id={id}
          data-testid={`profile-${name}`}
          className="mono"
          spellCheck={false}
          placeholder={placeholder}
          value={value}
          onChange={(event) => store.getState().updateProfileFields({ [name]: event.target.value })}
        />
      )}
    </Field>
  )
}

/** A write-only secret: never filled from main; typing replaces the stored one, empty leaves it. */
function SecretField({ name, label }: { name: SecretName; label: string }) {
  const store = useAppStoreApi()
  const value = useAppStore((state) => state.profiles.editor?.fields[name] ?? '')
  const stored = useAppStore((state) => {
    const id = state.profiles.editor?.id
    return state.profiles.list.find((profile) => profile.id === id)?.[HAS_SECRET[name]] === true
  })
  const error = useAppStore((state) => state.profiles.editor?.fieldErrors[name])
  return (
    <Field label={label} error={error}>
      {(id) => (
        <input
          id={id}
          type="password"
          autoComplete="off"
          data-testid={`profile-${name}`}
          placeholder={stored ? 'stored; type to replace' : 'not set'}
          value={value}
          onChange={(event) => store.getState().updateProfileFields({ [name]: event.target.value === '' ? undefined : event.target.value })}
        />
      )}
    </Field>
  )
}

/** A choice with "default" first (stored as absent). */
function ConnectionChoice<N extends 'authMechanism' | 'tlsMinVersion' | 'tlsMaxVersion' | 'proxyProtocol'>({
  name,
  label,
  choices,
}: {
  name: N
  label: string
  choices: readonly NonNullable<ProfileFields[N]>[]
}) {
  const store = useAppStoreApi()
  const value = useAppStore((state) => state.profiles.editor?.fields[name] ?? '')
  const error = useAppStore((state) => state.profiles.editor?.fieldErrors[name])
  return (
    <Field label={label} error={error}>
      {(id) => (
        <select
          id={id}
          data-testid={`profile-${name}`}
          value={value}
          onChange={(event) => store.getState().updateProfileFields({ [name]: event.target.value === '' ? undefined : event.target.value })}
        >
          <option value="">default</option>
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/** How long a send or probe waits for this server: the app's short limits, or RFC 5321's minutes. */
function WaitLimitsChoice() {
  const store = useAppStoreApi()
  const value = useAppStore((state) => state.profiles.editor?.fields.waitLimits ?? '')
  return (
    <Field label="Give up waiting for the server">
      {(id) => (
        <select
          id={id}
          data-testid="profile-waitLimits"
          value={value}
          onChange={(event) => store.getState().updateProfileFields({ waitLimits: event.target.value === 'rfc5321' ? 'rfc5321' : undefined })}
        >
          <option value="">soon (30 s for most replies)</option>
          <option value="rfc5321">as RFC 5321 says (5 min, 10 for the message)</option>
        </select>
      )}
    </Field>
  )
}

const TLS_VERSION_CHOICES = ['1.0', '1.1', '1.2', '1.3'] as const

/** Login, TLS, proxy and source address: plain fields, each optional (issue 15). */
export function ConnectionFields() {
  return (
    <>
      <ConnectionChoice name="authMechanism" label="AUTH mechanism" choices={['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2', 'OAUTHBEARER']} />
      <SecretField name="oauthToken" label="OAuth2 token (XOAUTH2, OAUTHBEARER)" />
      <ConnectionChoice name="tlsMinVersion" label="Lowest TLS version" choices={TLS_VERSION_CHOICES} />
      <ConnectionChoice name="tlsMaxVersion" label="Highest TLS version" choices={TLS_VERSION_CHOICES} />
      <ConnectionText name="tlsCiphers" label="TLS ciphers" placeholder="OpenSSL default" />
      <ConnectionText name="tlsSni" label="SNI name" placeholder="the host name (or none)" />
      <ConnectionText name="tlsCertPath" label="Client certificate (PEM file)" placeholder="/path/to/cert.pem" />
      <ConnectionText name="tlsKeyPath" label="Client key (PEM file)" placeholder="/path/to/key.pem" />
      <ConnectionText name="tlsPfxPath" label="Or PKCS#12 file" placeholder="/path/to/client.p12" />
      <SecretField name="tlsPassphrase" label="Key passphrase" />
      <ConnectionText name="proxyUrl" label="Proxy" placeholder="socks5://user@host:1080" />
      <SecretField name="proxyPassword" label="Proxy password" />
      <ConnectionChoice name="proxyProtocol" label="PROXY header" choices={['v1', 'v2']} />
      <ConnectionText name="localAddress" label="Source address" placeholder="any" />
      <WaitLimitsChoice />
      {/* DKIM signing: the key stays a path here; main reads the file at send time. */}
      <ConnectionText name="dkimDomain" label="DKIM domain" placeholder="no signing" />
      <ConnectionText name="dkimSelector" label="DKIM selector" placeholder="selector" />
      <ConnectionText name="dkimKeyPath" label="DKIM private key (PEM file)" placeholder="/path/to/dkim.key" />
      <ConnectionText name="dkimHeaders" label="DKIM signed headers" placeholder="default set" />
    </>
  )
}
