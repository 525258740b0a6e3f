import { useState, type DragEvent } from 'react'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { ProfileEditor } from '../profiles/ProfileEditor'
import { ProfilePicker } from '../profiles/ProfilePicker'
import { AdvancedSection } from './AdvancedSection'
import { LoadSection } from '../load/LoadSection'
import { AttachmentList } from './AttachmentList'
import { EnvelopeSection } from './EnvelopeSection'
import { FromField } from './FromField'
import { HeaderRows } from './HeaderRows'
import { MessageBody } from './MessageBody'
import { RawEditor } from './RawEditor'
import { RecipientField } from './RecipientField'
import { SendBar } from './SendBar'
import styles from './compose.module.css'
import { classNames } from '../../shared/class-names'

/** The left pane: server, envelope and message, and the Send button. */
export function ComposeForm() {
  const store = useAppStoreApi()
  const showCc = useAppStore((state) => state.compose.showCc)
  const showBcc = useAppStore((state) => state.compose.showBcc)
  const rawMode = useAppStore((state) => state.compose.rawMode)
  const editorOpen = useAppStore((state) => state.profiles.editor !== null)
  const [dragging, setDragging] = useState(false)

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
    setDragging(true)
  }
  const onDrop = (event: DragEvent) => {
    if (!event.dataTransfer.files.length) return
    event.preventDefault()
    setDragging(false)
    void store.getState().dropFiles(Array.from(event.dataTransfer.files))
  }

  return (
    <section
      className={classNames(styles['compose'], dragging && styles['dragging'])}
      aria-label="Compose"
      data-testid="compose"
      data-dragging={dragging}
      onDragOver={onDragOver}
      onDragLeave={(event) => event.currentTarget === event.target && setDragging(false)}
      onDrop={onDrop}
    >
      <ProfilePicker />
      <div className={styles['compose-fields']}>
        {editorOpen && <ProfileEditor />}
        <FromField />
        <RecipientField field="to" />
        {showCc && <RecipientField field="cc" />}
        {showBcc && <RecipientField field="bcc" />}
        {(!showCc || !showBcc) && (
          <div className={styles['add-fields']}>
            {!showCc && (
              <button type="button" className="link-button" data-testid="show-cc" onClick={() => store.getState().showRecipientField('cc')}>
                + Cc
              </button>
            )}
            {!showBcc && (
              <button type="button" className="link-button" data-testid="show-bcc" onClick={() => store.getState().showRecipientField('bcc')}>
                + Bcc
              </button>
            )}
          </div>
        )}
        <div className={`segmented ${styles['mode-switch']}`} role="radiogroup" aria-label="Message mode">
          {([false, true] as const).map((raw) => (
            <label key={String(raw)} className={rawMode === raw ? 'active' : ''}>
              <input
                type="radio"
                name="compose-mode"
                checked={rawMode === raw}
                data-testid={raw ? 'mode-raw' : 'mode-form'}
                onChange={() => store.getState().setRawMode(raw)}
              />
              {raw ? 'Raw message' : 'Compose'}
            </label>
          ))}
        </div>
        {rawMode ? (
          <RawEditor />
        ) : (
          <>
            <MessageBody />
            <AttachmentList />
            <HeaderRows />
          </>
        )}
        <EnvelopeSection />
        <AdvancedSection />
        <LoadSection />
      </div>
      <SendBar />
    </section>
  )
}
