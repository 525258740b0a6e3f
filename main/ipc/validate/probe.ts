// Payloads of the probe channels: a server (host, port, security mode), a list of ports for
// the matrix, a domain for MX.
import type { PortMatrixRequest, ProbeRequest } from '../../../preload/contract'
import { boolean, integer, list, object, optional, text, type Check } from './checks'
import { id } from './ids'
import { MAX_HOST_CHARS } from './limits'
import { host, securityMode } from './profile'

/** Each port costs three connections at once (one per security mode). */
export const MAX_MATRIX_PORTS = 8

export const probeRequest: Check<ProbeRequest> = object({
  profileId: optional(id),
  host,
  port: integer(1, 65535),
  security: securityMode,
  tlsVersions: optional(boolean),
})

export const portMatrixRequest: Check<PortMatrixRequest> = object({
  profileId: optional(id),
  host,
  ports: optional(list(integer(1, 65535), MAX_MATRIX_PORTS)),
})

/** A domain name (RFC 1035 section 2.3.4: 253 characters); the engine checks its form. */
export const mxDomain: Check<string> = text({ max: MAX_HOST_CHARS, singleLine: true, required: true })
