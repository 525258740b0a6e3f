// The value of From / To / Cc / Reply-To, formatted by us rather than by the MIME library,
// because the library always turns a domain into its A-label while RFC 6532 lets us keep
// the U-label form the user typed when the server offers SMTPUTF8.
import { formatAddress, type Mailbox } from './address'
import { encodeDisplayName } from './mime-library'

export type DomainForm = 'ascii' | 'unicode'

export function formatAddressHeader(mailboxes: Mailbox[], form: DomainForm): string {
  return mailboxes.map((mailbox) => formatMailbox(mailbox, form)).join(', ')
}

function formatMailbox(mailbox: Mailbox, form: DomainForm): string {
  const address = formatAddress(mailbox, form)
  if (mailbox.name !== undefined) return `${encodeDisplayName(mailbox.name)} <${address}>`
  // A quoted local part or an address literal reads more safely inside angle brackets.
  return /^[^"[]*$/.test(address) ? address : `<${address}>`
}

/** True when the header would carry raw UTF-8 (RFC 6532), so the session needs SMTPUTF8. */
export function needsUtf8Header(mailboxes: Mailbox[], form: DomainForm): boolean {
  return mailboxes.some((m) => m.utf8Local || (form === 'unicode' && /[^\x00-\x7f]/.test(m.domain.unicode)))
}
