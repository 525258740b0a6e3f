// The envelope options of a compose model (EnvelopeChoice) and the session controls of a
// send (SessionControls). Addresses and the ENVID go on one command line each: CR, LF and
// NUL would inject SMTP commands, so they are refused. Drafts only get types and sizes.
import type { DsnOptions, EnvelopeChoice, SessionControls } from '../../../preload/contract'
import { PayloadError, boolean, integer, list, object, oneOf, optional, text, type Check } from './checks'
import { MAX_ADDRESS_FIELD_CHARS, MAX_RECIPIENTS_PER_LIST } from './limits'

/** RFC 5321 4.5.3.1.3: a path, the address between < and >, is at most 256 octets. */
const MAX_PATH_OCTETS = 256
/** RFC 3461 4.4: an ENVID is at most 100 characters. */
const MAX_ENVID_CHARS = 100
/** BDAT chunks from 1 byte; above 100 MiB a chunk would hold a whole message in memory (as the CLI's --chunk-size). */
export const MAX_CHUNK_BYTES = 100 * 1024 * 1024

const STEPS = { connect: true, greeting: true, ehlo: true, tls: true, auth: true, mail: true, rcpt: true, data: true, dot: true } as const
const notifyWord = oneOf<NonNullable<DsnOptions['notify']>[number]>({ NEVER: true, SUCCESS: true, FAILURE: true, DELAY: true })

/** The address as it goes between < and >: one line, no spaces, no angle brackets. */
function bareAddress(allowNull: boolean): Check<string> {
  return (value, field) => {
    const address = text({ max: MAX_PATH_OCTETS, singleLine: true })(value, field)
    if (address === '' && allowNull) return address
    if (address === '' || /[\s<>]/.test(address) || new TextEncoder().encode(address).length > MAX_PATH_OCTETS) {
      throw new PayloadError(field, `${field} must be one bare address, as in MAIL FROM:<address>.`)
    }
    return address
  }
}

function dsnCheck(forSending: boolean): Check<DsnOptions> {
  const shape = object<DsnOptions>({
    notify: optional(list(notifyWord, 4)),
    ret: optional(oneOf<'FULL' | 'HDRS'>({ FULL: true, HDRS: true })),
    envid: optional(text({ max: forSending ? MAX_ENVID_CHARS : MAX_ADDRESS_FIELD_CHARS, singleLine: forSending })),
    orcpt: optional(boolean),
  })
  return (value, field) => {
    const dsn = shape(value, field)
    if (forSending && dsn.notify) {
      if (dsn.notify.length === 0) throw new PayloadError(`${field}.notify`, `${field}.notify needs NEVER, or one or more of SUCCESS, FAILURE and DELAY.`)
      if (dsn.notify.includes('NEVER') && dsn.notify.length > 1) {
        throw new PayloadError(`${field}.notify`, `${field}.notify: NEVER cannot be combined with other values (RFC 3461 4.1).`)
      }
      if (new Set(dsn.notify).size !== dsn.notify.length) throw new PayloadError(`${field}.notify`, `${field}.notify names a value twice.`)
    }
    return dsn
  }
}

export function envelopeChoiceCheck(forSending: boolean): Check<EnvelopeChoice> {
  const draftLine = text({ max: MAX_ADDRESS_FIELD_CHARS })
  return object<EnvelopeChoice>({
    from: optional(forSending ? bareAddress(true) : draftLine),
    to: optional(list(forSending ? bareAddress(false) : draftLine, MAX_RECIPIENTS_PER_LIST)),
    dsn: optional(dsnCheck(forSending)),
    requireTls: optional(boolean),
  })
}

const controlsShape = object<SessionControls>({
  quitAfter: optional(oneOf(STEPS)),
  dropAfter: optional(oneOf(STEPS)),
  pipelining: optional(oneOf<'auto' | 'off'>({ auto: true, off: true })),
  chunking: optional(oneOf<'off' | 'auto' | 'force'>({ off: true, auto: true, force: true })),
  chunkSize: optional(integer(1, MAX_CHUNK_BYTES)),
  forceExtensions: optional(boolean),
})

/** session:start's controls: a session stops with QUIT or by hanging up, not both. */
export const sessionControls: Check<SessionControls> = (value, field) => {
  const controls = controlsShape(value, field)
  if (controls.quitAfter && controls.dropAfter) {
    throw new PayloadError(`${field}.dropAfter`, 'Choose "Stop after" or "Hang up after", not both.')
  }
  return controls
}
