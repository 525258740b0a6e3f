// What the user composes. Imports only the engine's import-free types, so the preload
// contract can re-export it.
import type { EnvelopeChoice } from '../smtp/types'

export type { EnvelopeChoice } from '../smtp/types'

export interface AttachmentInput {
  /** A file on disk (the desktop app and the CLI pass paths, never bytes, across IPC). */
  path?: string
  /** Or the bytes themselves (tests, generated content). */
  content?: Uint8Array
  /** Name shown to the recipient; defaults to the file's base name. */
  filename?: string
  /** Defaults to a type guessed from the file name. */
  contentType?: string
}

export interface HeaderInput {
  name: string
  value: string
}

export interface ComposeModel {
  from: string
  to: string[]
  cc: string[]
  bcc: string[]
  replyTo?: string
  subject: string
  text: string
  html?: string
  attachments: AttachmentInput[]
  headers: HeaderInput[]
  /**
   * Raw mode: the whole message (headers and body) as the user typed it, as in a telnet
   * session. When set, the fields above only feed the envelope.
   */
  raw?: string
  /**
   * The SMTP envelope where it differs from the headers (RFC 5321 3.3), with DSN (RFC 3461)
   * and REQUIRETLS (RFC 8689): part of the message, so it is kept with the draft.
   */
  envelope?: EnvelopeChoice
}

