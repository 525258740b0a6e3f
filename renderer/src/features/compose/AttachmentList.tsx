import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { formatBytes } from '../../shared/format'
import { CloseIcon } from '../../shared/icons'
import styles from './compose.module.css'

/** Attached files with their sizes; files can also be dropped anywhere on the form. */
export function AttachmentList() {
  const store = useAppStoreApi()
  const attachments = useAppStore((state) => state.compose.attachments)
  const fieldErrors = useAppStore((state) => state.compose.fieldErrors)
  const error = fieldErrors['attachments']
  const total = attachments.reduce((sum, a) => sum + (a.size ?? 0), 0)
  return (
    <div className="field attachments" data-testid="attachments">
      <div className="field-row">
        <span className="label">Attachments</span>
        <button type="button" data-testid="attach-button" onClick={() => void store.getState().pickAttachments()}>
          Attach files…
        </button>
        <span className="hint">or drop files on the form</span>
        {attachments.length > 1 && <span className="hint">{formatBytes(total)} in all</span>}
      </div>
      {attachments.length > 0 && (
        <ul className={styles['attachment-list']}>
          {attachments.map((attachment, position) => (
            <li key={attachment.id} data-testid="attachment" title={attachment.path}>
              <span className={styles['attachment-name']}>{attachment.name}</span>
              <span className={styles['attachment-size']}>
                {attachment.size !== undefined ? formatBytes(attachment.size) : 'size unknown'}
              </span>
              {fieldErrors[`attachments[${position}]`] && (
                <span className="field-error">{fieldErrors[`attachments[${position}]`]}</span>
              )}
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove attachment ${attachment.name}`}
                data-testid="attachment-remove"
                onClick={() => store.getState().removeAttachment(attachment.id)}
              >
                <CloseIcon />
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <p className="field-error">{error}</p>}
    </div>
  )
}
