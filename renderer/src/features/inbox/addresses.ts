import type { MailboxAddress, MessageSummary } from '../../../../preload/contract'

export const mailbox = (address: MailboxAddress | undefined): string =>
  !address ? '' : address.name ? `${address.name} <${address.address}>` : address.address

export const mailboxes = (addresses: MailboxAddress[]): string => addresses.map(mailbox).join(', ')

/** Who a message is from: its From header, else the envelope sender. */
export const senderOf = (message: MessageSummary): string => mailbox(message.from) || message.envelope.mailFrom || '(no sender)'

/** Whom it is to: its To header, else the envelope recipients. */
export const recipientsOf = (message: MessageSummary): string =>
  (message.to.length > 0 ? message.to.map((to) => to.address) : message.envelope.rcptTo).join(', ')
