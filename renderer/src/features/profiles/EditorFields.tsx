import { useId, type InputHTMLAttributes, type ReactNode } from 'react'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import type { ProfileFields } from '../../store/profiles-slice'

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
    <div className={`field${error ? ' has-error' : ''}${wide ? ' wide' : ''}`}>
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
    <label className={wide ? 'toggle wide' : 'toggle'}>
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
