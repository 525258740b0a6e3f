// Every address of a ComposeModel, parsed once, each with the field it came from.
import type { ComposeModel } from './types'
import { parseMailbox, type Mailbox } from './address'
import { splitAddressList } from './address-list'
import type { FieldError } from './errors'

export interface FieldMailbox {
  field: string
  mailbox: Mailbox
}

export interface ModelAddresses {
  from: FieldMailbox
  to: FieldMailbox[]
  cc: FieldMailbox[]
  bcc: FieldMailbox[]
  replyTo: FieldMailbox[]
}

export type ModelAddressesResult = { addresses: ModelAddresses; errors: [] } | { addresses?: undefined; errors: FieldError[] }

export function readModelAddresses(model: ComposeModel): ModelAddressesResult {
  const errors: FieldError[] = []
  const read = (field: string, text: string): FieldMailbox[] => {
    const result = parseMailbox(text)
    if (result.error !== undefined) {
      errors.push({ field, message: result.error })
      return []
    }
    return [{ field, mailbox: result.mailbox }]
  }
  const list = (name: string, values: string[] | undefined): FieldMailbox[] =>
    (values ?? []).flatMap((value, index) => read(`${name}[${index}]`, value))

  const fromText = model.from ?? ''
  const from = fromText.trim() === '' ? [] : read('from', fromText)
  if (fromText.trim() === '') errors.push({ field: 'from', message: 'is required' })
  const to = list('to', model.to)
  const cc = list('cc', model.cc)
  const bcc = list('bcc', model.bcc)
  // Reply-To may name several mailboxes (RFC 5322 §3.6.2), typed as one list.
  const replyText = model.replyTo ?? ''
  const replyTo = /[\r\n]/.test(replyText)
    ? read('replyTo', replyText)
    : splitAddressList(replyText).flatMap((entry) => read('replyTo', entry))
  const recipients = (model.to?.length ?? 0) + (model.cc?.length ?? 0) + (model.bcc?.length ?? 0)
  if (recipients === 0) errors.push({ field: 'to', message: 'needs at least one recipient in To, Cc or Bcc' })

  const [first] = from
  if (errors.length > 0 || first === undefined) return { errors }
  return { addresses: { from: first, to, cc, bcc, replyTo }, errors: [] }
}
