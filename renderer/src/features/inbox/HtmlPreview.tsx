import { useMemo } from 'react'
import { previewDocument } from './html-preview'
import styles from './inbox.module.css'

interface HtmlPreviewProps {
  html: string
  truncated: boolean
}

/** The HTML body, rendered inert: see html-preview.ts for what the frame may not do. */
export function HtmlPreview({ html, truncated }: HtmlPreviewProps) {
  const document = useMemo(() => previewDocument(html), [html])
  return (
    <div className={styles['html-preview']}>
      <p className={`${styles['preview-note']} hint`}>
        Shown without scripts, forms or remote content: images load only when they are inside the message.
        {truncated && ' The HTML is cut at the parsed-body limit; the raw source has all of it.'}
      </p>
      <iframe
        className={styles['html-frame']}
        data-testid="html-preview"
        title="HTML body of the message"
        sandbox=""
        referrerPolicy="no-referrer"
        srcDoc={document}
      />
    </div>
  )
}
