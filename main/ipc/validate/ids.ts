// Ids the main process made (profiles, history entries): short, and only characters
// that cannot walk out of a folder when a service builds a path from one.
import { PayloadError, type Check } from './checks'
import { MAX_ID_CHARS } from './limits'

const ID = /^[A-Za-z0-9-]+$/

export const id: Check<string> = (value, field) => {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_CHARS || !ID.test(value)) {
    throw new PayloadError(field, `${field || 'The id'} is not a valid id.`)
  }
  return value
}
