import { useAppStore, useAppStoreApi } from '../../store/store-context'
import type { MailProtocol } from '../../../../preload/contract'
import { Field } from './EditorFields'

/** SMTP, or LMTP (RFC 2033) for a delivery agent: LHLO, and one reply per recipient after the message. */
export function ProtocolField() {
  const store = useAppStoreApi()
  const protocol = useAppStore((state) => state.profiles.editor?.fields.protocol ?? 'smtp')
  const error = useAppStore((state) => state.profiles.editor?.fieldErrors['protocol'])
  return (
    <Field label="Protocol" error={error}>
      {(id) => (
        <select
          id={id}
          data-testid="profile-protocol"
          value={protocol}
          title="LMTP speaks LHLO and hears one reply per recipient after the message"
          onChange={(event) => store.getState().updateProfileFields({ protocol: event.target.value as MailProtocol })}
        >
          <option value="smtp">SMTP</option>
          <option value="lmtp">LMTP (delivery agent)</option>
        </select>
      )}
    </Field>
  )
}
