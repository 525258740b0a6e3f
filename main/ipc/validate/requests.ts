// The payload of each request channel that takes one.
import type { CommandTool, HistoryExportRequest, SendAgainRequest, SendCommandRequest, SessionFileText, SessionStartRequest } from '../../../preload/contract'
import { MAX_SESSION_FILE_BYTES } from '../../services/history/session-files'
import { PayloadError, isPlainObject, object, oneOf, optional, text, type Check } from './checks'
import { MAX_FILENAME_CHARS } from './limits'
import { composeForSending } from './compose'
import { sessionControls } from './envelope'
import { id } from './ids'

/** Compose fields are named as the form names them ("to[1]", "subject"), not "compose.to[1]". */
export const sessionStart: Check<SessionStartRequest> = (value, field) => {
  if (!isPlainObject(value)) throw new PayloadError(field, 'The session request must be an object.')
  const controls = value['controls'] === undefined ? undefined : sessionControls(value['controls'], 'controls')
  return {
    profileId: id(value['profileId'], 'profileId'),
    compose: composeForSending(value['compose'], ''),
    ...(controls ? { controls } : {}),
  }
}

/** Copy as command: the message as Send checks it, and one of the tools. */
export const sendCommandRequest: Check<SendCommandRequest> = (value, field) => {
  if (!isPlainObject(value)) throw new PayloadError(field, 'The command request must be an object.')
  return {
    profileId: id(value['profileId'], 'profileId'),
    compose: composeForSending(value['compose'], ''),
    tool: oneOf<CommandTool>({ mailwire: true, swaks: true, curl: true, openssl: true })(value['tool'], 'tool'),
  }
}

/** Send again: a History id, and another profile's id or none. */
export const sendAgainRequest: Check<SendAgainRequest> = object({
  historyId: id,
  profileId: optional(id),
})

export const historyExport: Check<HistoryExportRequest> = object({
  id,
  format: oneOf({ text: true, json: true, eml: true }),
})

/** A dropped session file: its name and text (no path). The bound is the one opening a file has. */
export const sessionFileText: Check<SessionFileText> = object({
  name: text({ max: MAX_FILENAME_CHARS, singleLine: true, required: true }),
  text: text({ max: MAX_SESSION_FILE_BYTES }),
})
