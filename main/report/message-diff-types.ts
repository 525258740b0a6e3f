// The comparison of a message as sent with the same message as it arrived (message-diff.ts).
// Import-free, so the preload contract can re-export it for the renderer.

/** What happened to one header field between sending and arrival. */
export type HeaderChangeKind = 'same' | 'added' | 'removed' | 'changed'

export interface HeaderChange {
  /** The field name as the arrived message spells it (the sent one's when only sent). */
  name: string
  kind: HeaderChangeKind
  /** Unfolded values (RFC 5322 2.2.3). */
  sent?: string
  arrived?: string
  /** Same value, folded onto other lines or with other spacing. */
  refolded?: boolean
  /** For added fields: above every sent field (a trace field a server prepends, RFC 5321 4.4) or below them. */
  position?: 'top' | 'inside' | 'bottom'
}

/**
 * A body or MIME part: `same` byte for byte; `line-endings` only CRLF and LF differ;
 * `re-encoded` the transfer encoding (or its line wrapping) changed but the decoded content
 * is the same; `changed` the content itself differs.
 */
export type BodyVerdict = 'same' | 'line-endings' | 're-encoded' | 'changed'

export interface PartComparison {
  /** "1", "1.2": where the part is in the MIME tree ("1" is the whole body of a single-part message). */
  path: string
  contentType: string
  verdict: BodyVerdict | 'only-sent' | 'only-arrived'
  /** Content-Transfer-Encoding on each side (7bit when absent, RFC 2045 6.1). */
  sentEncoding?: string
  arrivedEncoding?: string
  /** Encoded bytes of the part's body on each side. */
  sentBytes?: number
  arrivedBytes?: number
}

export interface MessageComparison {
  headers: HeaderChange[]
  /** The body as a whole: the worst of its parts. */
  body: BodyVerdict
  parts: PartComparison[]
  sentBytes: number
  arrivedBytes: number
  /** One line: what the server did to the message. */
  summary: string
}
