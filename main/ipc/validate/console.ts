// Payloads of the console channels. A typed line is one line (CR, LF and NUL refused here,
// again in the console service, and again in the engine); the body of DATA is any text.
import type { ConsoleAuthRequest, ConsoleDataRequest, ConsoleLineRequest, ConsoleOpenRequest } from '../../../preload/contract'
import { boolean, object, optional, text, type Check } from './checks'
import { id } from './ids'
import { MAX_BODY_CHARS } from './limits'

/**
 * A typed command line. RFC 5321 section 4.5.3.1.4 gives servers 512 octets; the console
 * lets a user send more, to see how a server answers an overlong line.
 */
export const MAX_CONSOLE_LINE_CHARS = 16 * 1024

export const consoleOpen: Check<ConsoleOpenRequest> = object({ profileId: id })

export const consoleLine: Check<ConsoleLineRequest> = object({
  consoleId: id,
  line: text({ max: MAX_CONSOLE_LINE_CHARS, singleLine: true }),
  allowCleartext: optional(boolean),
})

export const consoleAuth: Check<ConsoleAuthRequest> = object({ consoleId: id, allowCleartext: optional(boolean) })

export const consoleData: Check<ConsoleDataRequest> = object({ consoleId: id, body: text({ max: MAX_BODY_CHARS }) })
