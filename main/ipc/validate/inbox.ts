// Payload checks for the local inbox channels: ids in the inbox's own form (they become
// file names inside its folder), fault presets through the inbox's own validation.
import { FaultsError, normalizeFaults } from '../../inbox'
import { isId } from '../../inbox/ids'
import { isIP } from 'node:net'
import type { AuthenticationSettings, InboxAttachmentRequest, InboxFaults } from '../../../preload/contract'
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

/** DNS servers a user may list: a few, each an IP address with an optional port (no names: resolving them needs DNS). */
const MAX_DNS_SERVERS = 4
const MAX_PORT = 65535

function dnsServer(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.trim() : ''
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text)
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/.exec(text)
  const [host, port] = bracketed ? [bracketed[1]!, bracketed[2]] : v4 ? [v4[1]!, v4[2]] : [text, undefined]
  const family = isIP(host)
  if (family === 0 || (family === 4 && bracketed) || (port !== undefined && (Number(port) < 1 || Number(port) > MAX_PORT))) {
    throw new PayloadError(field, `${field}: a DNS server is an IP address, optionally with :PORT (IPv6 in brackets)`)
  }
  if (port === undefined) return host
  return family === 6 ? `[${host}]:${port}` : `${host}:${port}`
}

export const inboxAuthSettings: Check<AuthenticationSettings> = (value, field) => {
  if (!isPlainObject(value) || !Array.isArray(value.dnsServers)) throw new PayloadError(field, 'The settings need a dnsServers list.')
  if (value.dnsServers.length > MAX_DNS_SERVERS) throw new PayloadError('dnsServers', `At most ${MAX_DNS_SERVERS} DNS servers.`)
  return { dnsServers: value.dnsServers.map((server, index) => dnsServer(server, `dnsServers[${index}]`)) }
}
