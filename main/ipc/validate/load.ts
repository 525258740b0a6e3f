// The payload of load:start: the compose model as a send checks it, and the counts and
// the say-so as plain values (their bounds are the load service's, shared with the CLI).
import type { LoadStartRequest } from '../../../preload/contract'
import { MAX_LOAD_CONNECTIONS, MAX_LOAD_MESSAGES } from '../../smtp/load/limits'
import { PayloadError, isPlainObject, type Check } from './checks'
import { composeForSending } from './compose'
import { id } from './ids'

function whole(value: unknown, field: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new PayloadError(field, `Give a whole number from 1 to ${max}.`)
  }
  return value
}

export const loadStart: Check<LoadStartRequest> = (value, field) => {
  if (!isPlainObject(value)) throw new PayloadError(field, 'The load request must be an object.')
  if (typeof value['allowRemote'] !== 'boolean') throw new PayloadError('loadAllowRemote', 'Say whether the server is yours (true or false).')
  return {
    profileId: id(value['profileId'], 'profileId'),
    compose: composeForSending(value['compose'], ''),
    messages: whole(value['messages'], 'loadMessages', MAX_LOAD_MESSAGES),
    connections: whole(value['connections'], 'loadConnections', MAX_LOAD_CONNECTIONS),
    allowRemote: value['allowRemote'],
  }
}
