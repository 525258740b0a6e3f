// The payload of each request channel that takes one.
import type { HistoryExportRequest, SessionStartRequest } from '../../../preload/contract'
import { PayloadError, isPlainObject, object, oneOf, type Check } from './checks'
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

export const historyExport: Check<HistoryExportRequest> = object({
  id,
  format: oneOf({ text: true, json: true, eml: true }),
})
