import type { AttachmentInfo } from '../../../../preload/contract'
import { useAppStoreApi } from '../../store/store-context'
import { formatBytes } from '../../shared/format'
import { VisibleText } from '../wire-log/VisibleText'
import styles from './inbox.module.css'

/** The message's attachments as the inbox parsed them; Save asks main where to write one. */
export function AttachmentTable({ messageId, attachments }: { messageId: string; attachments: AttachmentInfo[] }) {
  const store = useAppStoreApi()
  return (
    <table className={styles['attachment-table']} data-testid="attachments">
      <thead>
        <tr>
          <th scope="col">Attachment</th>
          <th scope="col">Type</th>
          <th scope="col" className={styles['numeric']}>
            Size
          </th>
          <th scope="col">
            <span className="visually-hidden">Save</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {attachments.map((attachment, index) => (
          <tr key={`${attachment.partId ?? ''}-${index}`} data-testid="attachment-row">
            <td className={styles['attachment-name']}>
              {attachment.filename ? <VisibleText text={attachment.filename} /> : <span className="muted">(no name)</span>}
              {attachment.disposition === 'inline' && <span className="muted"> inline</span>}
            </td>
            <td className="mono">
              <VisibleText text={attachment.contentType} />
            </td>
            <td className={styles['numeric']} title={`${attachment.size.toLocaleString('en')} bytes, SHA-256 ${attachment.sha256}`}>
              {formatBytes(attachment.size)}
            </td>
            <td>
              <button type="button" data-testid="save-attachment" onClick={() => void store.getState().saveInboxAttachment(messageId, index)}>
                Save…
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
