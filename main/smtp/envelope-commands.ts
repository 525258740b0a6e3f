// MAIL FROM and RCPT TO lines with their ESMTP parameters, and the checks that keep a
// value from ending a command early or adding parameters nobody asked for.
import { domainToASCII } from 'node:url'
import { SmtpError } from './errors'
import type { DsnOptions, Envelope, SmtpErrorCode } from './types'

/** Any C0 control or DEL: CR, LF and NUL would inject commands, the rest break syntax. */
const CONTROL = /[\x00-\x1f\x7f]/
const NON_ASCII = /[^\x00-\x7f]/

function describeControl(value: string): string {
  const char = CONTROL.exec(value)?.[0] ?? ''
  const names: Record<string, string> = { '\r': 'CR', '\n': 'LF', '\0': 'NUL', '\t': 'TAB' }
  return names[char] ?? `control character U+${char.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`
}

/** Refuse a value with a control character before anything is written. */
export function checkCommandArgument(field: string, value: string, code: SmtpErrorCode): void {
  if (CONTROL.test(value)) {
    throw new SmtpError(code, `${field} contains ${describeControl(value)}: refused, a line break would inject SMTP commands`)
  }
}

/**
 * An address as it goes between < and > (RFC 5321 4.1.2): no controls, no angle brackets,
 * no spaces outside a quoted local part (each would let the value add ESMTP parameters).
 */
export function checkAddress(field: string, address: string, allowEmpty: boolean): void {
  checkCommandArgument(field, address, 'EENVELOPE')
  if (address === '' && allowEmpty) return
  if (address === '') throw new SmtpError('EENVELOPE', `${field} is empty`)
  if (address.includes('<') || address.includes('>')) throw new SmtpError('EENVELOPE', `${field} contains < or >: give the bare address (${address})`)
  // Checked once per message of a batch: the usual address has no space at all.
  if (!/\s/.test(address)) return
  const at = address.lastIndexOf('@')
  const local = at === -1 ? address : address.slice(0, at)
  const domain = at === -1 ? '' : address.slice(at + 1)
  const quotedLocal = /^".*"$/.test(local)
  if ((/\s/.test(local) && !quotedLocal) || /\s/.test(domain)) {
    throw new SmtpError('EENVELOPE', `${field} contains a space: ${JSON.stringify(address)}`)
  }
}

/** Envelope parts as messages name them: in words, not as option paths (each face has its own). */
export const SENDER = 'the sender address'
export const recipientLabel = (index: number) => `recipient ${index + 1}`

export function checkEnvelope(envelope: Envelope): void {
  checkAddress(SENDER, envelope.from, true)
  if (envelope.to.length === 0) throw new SmtpError('EENVELOPE', 'the envelope has no recipient')
  envelope.to.forEach((address, index) => checkAddress(recipientLabel(index), address, false))
  const dsn = envelope.dsn
  if (!dsn) return
  if (dsn.envid !== undefined) checkCommandArgument('the DSN envelope id (ENVID)', dsn.envid, 'EENVELOPE')
  if (dsn.ret !== undefined && dsn.ret !== 'FULL' && dsn.ret !== 'HDRS') {
    throw new SmtpError('EENVELOPE', 'the DSN RET value must be FULL or HDRS (RFC 3461 4.3)')
  }
  const notify = dsn.notify ?? []
  if (notify.some((value) => !['NEVER', 'SUCCESS', 'FAILURE', 'DELAY'].includes(value))) {
    throw new SmtpError('EENVELOPE', 'the DSN NOTIFY values are NEVER, SUCCESS, FAILURE or DELAY (RFC 3461 4.1)')
  }
  if (notify.includes('NEVER') && notify.length > 1) {
    throw new SmtpError('EENVELOPE', 'the DSN NOTIFY value NEVER cannot be combined with other values (RFC 3461 4.1)')
  }
}

/** SMTPUTF8 (RFC 6531) is needed when an address has a character outside ASCII. */
export function needsSmtpUtf8(envelope: Envelope): boolean {
  return NON_ASCII.test(envelope.from) || envelope.to.some((address) => NON_ASCII.test(address))
}

/**
 * The envelope as this server can take it. With SMTPUTF8 offered, as given. Without it,
 * an internationalized domain goes out in its ASCII form (IDNA A-labels, RFC 5890), which
 * every server accepts; a non-ASCII local part has no ASCII form, so it is refused.
 */
export function envelopeForServer(envelope: Envelope, smtpUtf8Offered: boolean): { envelope: Envelope; smtpUtf8: boolean; converted: string[] } {
  if (!needsSmtpUtf8(envelope)) return { envelope, smtpUtf8: false, converted: [] }
  if (smtpUtf8Offered) return { envelope, smtpUtf8: true, converted: [] }
  const converted: string[] = []
  const toAscii = (field: string, address: string): string => {
    if (!NON_ASCII.test(address)) return address
    const at = address.lastIndexOf('@')
    const local = at === -1 ? address : address.slice(0, at)
    if (NON_ASCII.test(local) || at === -1) {
      throw new SmtpError('EENVELOPE', `${field} (${address}) has a non-ASCII local part and the server does not offer SMTPUTF8 (RFC 6531); nothing was sent`)
    }
    const domain = domainToASCII(address.slice(at + 1))
    if (!domain) throw new SmtpError('EENVELOPE', `${field} (${address}) has a domain that is not a valid internationalized name`)
    const ascii = `${local}@${domain}`
    converted.push(`${address} → ${ascii}`)
    return ascii
  }
  return {
    envelope: {
      ...envelope,
      from: toAscii(SENDER, envelope.from),
      to: envelope.to.map((address, index) => toAscii(recipientLabel(index), address)),
    },
    smtpUtf8: false,
    converted,
  }
}

/** RFC 3461 4: xtext, "+" and hex for "+", "=" and anything outside printable ASCII. */
export function xtext(value: string): string {
  let out = ''
  for (const byte of Buffer.from(value, 'utf8')) {
    out += byte < 0x21 || byte > 0x7e || byte === 0x2b || byte === 0x3d
      ? `+${byte.toString(16).toUpperCase().padStart(2, '0')}`
      : String.fromCharCode(byte)
  }
  return out
}

export interface MailParameters {
  /** SIZE= (RFC 1870), when the server offered SIZE and the size is known. */
  size?: number
  /** BODY=8BITMIME (RFC 6152). */
  eightBitMime?: boolean
  /** BODY=BINARYMIME (RFC 3030 3), which also covers 8-bit content. */
  binaryMime?: boolean
  /** SMTPUTF8 (RFC 6531 3.4). */
  smtpUtf8?: boolean
  /** RET= and ENVID= (RFC 3461 4.3, 4.4), when the server offered DSN. */
  dsn?: DsnOptions
  /** REQUIRETLS (RFC 8689 4.1). */
  requireTls?: boolean
}

export function mailFromCommand(from: string, params: MailParameters = {}): string {
  let line = `MAIL FROM:<${from}>`
  if (params.size !== undefined) line += ` SIZE=${params.size}`
  if (params.binaryMime) line += ' BODY=BINARYMIME'
  else if (params.eightBitMime) line += ' BODY=8BITMIME'
  if (params.smtpUtf8) line += ' SMTPUTF8'
  if (params.dsn?.ret) line += ` RET=${params.dsn.ret}`
  if (params.dsn?.envid !== undefined) line += ` ENVID=${xtext(params.dsn.envid)}`
  if (params.requireTls) line += ' REQUIRETLS'
  return line
}

export function rcptToCommand(to: string, dsn?: DsnOptions): string {
  let line = `RCPT TO:<${to}>`
  if (dsn?.notify && dsn.notify.length > 0) line += ` NOTIFY=${dsn.notify.join(',')}`
  // RFC 3461 4.2: the original recipient as the address type rfc822, xtext-encoded.
  if (dsn?.orcpt) line += ` ORCPT=rfc822;${xtext(to)}`
  return line
}
