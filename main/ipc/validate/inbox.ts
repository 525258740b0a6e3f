// Payload checks for the local inbox channels: ids in the inbox's own form (they become
// file names inside its folder), fault presets through the inbox's own validation.
import { FaultsError, normalizeFaults } from '../../inbox'
import { isId } from '../../inbox/ids'
import type { InboxAttachmentRequest, InboxFaults } from '../../../preload/contract'
import { integer, isPlainObject, object, PayloadError, type Check } from './checks'

export const inboxMessageId: Check<string> = (value, field) => {
  if (!isId('msg', value)) throw new PayloadError(field, `${field || 'The id'} is not a local inbox message id.`)
  return value
}

export const inboxSessionId: Check<string> = (value, field) => {
  if (!isId('ses', value)) throw new PayloadError(field, `${field || 'The id'} is not a local inbox session id.`)
  return value
}

/** Every preset is checked by normalizeFaults (ranges, pattern characters, unknown names). */
export const inboxFaults: Check<InboxFaults> = (value, field) => {
  if (!isPlainObject(value)) throw new PayloadError(field, 'The fault presets must be an object.')
  try {
    return normalizeFaults(value)
  } catch (error) {
    if (error instanceof FaultsError) {
      throw new PayloadError(error.field === 'faults' ? field : field ? `${field}.${error.field}` : error.field, error.message)
    }
    throw error
  }
}

/**
 * Which attachment to save. A received message is not bound by our compose limit, only by
 * the inbox's SIZE (50 MiB); each MIME part costs at least a boundary and a header line.
 */
const MAX_ATTACHMENT_INDEX = 1_000_000

export const inboxAttachment: Check<InboxAttachmentRequest> = object({ id: inboxMessageId, index: integer(0, MAX_ATTACHMENT_INDEX) })
