// The compose model as it arrives from the renderer. For sending, every address and
// header value must be one line (CR, LF or NUL would let a field inject SMTP commands or
// headers); the message layer then checks the syntax. Drafts are work in progress: only
// types and sizes are checked, so a half-typed form is never refused and lost.
import { isAbsolute } from 'node:path'
import type { AttachmentInput, ComposeModel, HeaderInput } from '../../../preload/contract'
import { PayloadError, isPlainObject, list, object, optional, text, type Check } from './checks'
import { envelopeChoiceCheck } from './envelope'
import {
  MAX_ADDRESS_FIELD_CHARS,
  MAX_ATTACHMENTS,
  MAX_BODY_CHARS,
  MAX_CONTENT_TYPE_CHARS,
  MAX_EXTRA_HEADERS,
  MAX_FILENAME_CHARS,
  MAX_HEADER_NAME_CHARS,
  MAX_HEADER_VALUE_CHARS,
  MAX_PATH_CHARS,
  MAX_RECIPIENTS_PER_LIST,
} from './limits'

/** An attachment as it crosses IPC: a path, never `content`. */
type AttachmentPath = Omit<AttachmentInput, 'path' | 'content'> & { path: string }

function composeCheck(forSending: boolean): Check<ComposeModel> {
  const line = (max: number) => text({ max, singleLine: forSending })
  const address = line(MAX_ADDRESS_FIELD_CHARS)
  const addresses = list(address, MAX_RECIPIENTS_PER_LIST)
  const body = text({ max: MAX_BODY_CHARS })

  const header: Check<HeaderInput> = object({
    name: line(MAX_HEADER_NAME_CHARS),
    value: line(MAX_HEADER_VALUE_CHARS),
  })

  const attachment: Check<AttachmentInput> = (value, field) => {
    // Files cross IPC as paths (from the dialog or a drop), never as bytes. Here only the
    // shape is checked; the session refuses a path the user never gave this window
    // (services/file-grants.ts). The message layer reads regular files only (no device,
    // FIFO or folder), large ones streamed.
    if (isPlainObject(value) && value['content'] !== undefined) {
      throw new PayloadError(`${field}.content`, `${field} must be a file path, not file content.`)
    }
    const checked = object<AttachmentPath>({
      path: text({ max: MAX_PATH_CHARS, singleLine: true, required: true }),
      filename: optional(line(MAX_FILENAME_CHARS)),
      contentType: optional(line(MAX_CONTENT_TYPE_CHARS)),
    })(value, field)
    if (forSending && !isAbsolute(checked.path)) {
      throw new PayloadError(`${field}.path`, `${field}.path must be an absolute path.`)
    }
    return checked
  }

  const shape = object<ComposeModel>({
    from: address,
    to: addresses,
    cc: addresses,
    bcc: addresses,
    replyTo: optional(address),
    subject: line(MAX_HEADER_VALUE_CHARS),
    text: body,
    html: optional(body),
    attachments: list(attachment, MAX_ATTACHMENTS),
    headers: list(header, MAX_EXTRA_HEADERS),
    raw: optional(body),
    envelope: optional(envelopeChoiceCheck(forSending)),
  })
  return (value, field) => shape(value, field)
}

/** For session:start: every field that becomes a header or an address is one line. */
export const composeForSending = composeCheck(true)
/** For draft:save: types and sizes only. */
export const composeDraft = composeCheck(false)

/** files:confirm-dropped: the absolute paths of the files dropped at once. */
export const droppedPaths: Check<string[]> = list((value, field) => {
  const path = text({ max: MAX_PATH_CHARS, singleLine: true, required: true })(value, field)
  if (!isAbsolute(path)) throw new PayloadError(field, `${field} must be an absolute path.`)
  return path
}, MAX_ATTACHMENTS)
