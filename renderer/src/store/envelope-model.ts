// The Envelope part of the compose form (issue 14): the reverse path and the recipients as
// RCPT TO names them, apart from the headers, DSN (RFC 3461) and REQUIRETLS (RFC 8689).
// The form as typed, and the EnvelopeChoice main receives (absent when all is default, so
// a plain message's request and draft stay as they were).
import type { DsnOptions, EnvelopeChoice } from '../../../preload/contract'
import { addressError, parseRecipientList } from '../domain/recipient-parse'

export type DsnNotifyWord = NonNullable<DsnOptions['notify']>[number]
export const DSN_NOTIFY_EVENTS: readonly DsnNotifyWord[] = ['SUCCESS', 'FAILURE', 'DELAY']

export interface EnvelopeForm {
  /** from: the From header's address; null: the null sender <>; other: senderAddress. */
  sender: 'from' | 'null' | 'other'
  senderAddress: string
  /** headers: To, Cc and Bcc; other: recipientList. */
  recipients: 'headers' | 'other'
  /** Addresses separated by commas, spaces or new lines. */
  recipientList: string
  /** Empty: no NOTIFY (the server's default); ['NEVER']; or some of SUCCESS, FAILURE, DELAY. */
  notify: DsnNotifyWord[]
  ret: '' | 'FULL' | 'HDRS'
  envid: string
  orcpt: boolean
  requireTls: boolean
}

export const emptyEnvelopeForm = (): EnvelopeForm => ({
  sender: 'from',
  senderAddress: '',
  recipients: 'headers',
  recipientList: '',
  notify: [],
  ret: '',
  envid: '',
  orcpt: false,
  requireTls: false,
})

/** "<a@b>" and "a@b" alike: the words of a typed list, each as it goes between < and >. */
export function envelopeAddresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((word) => word.replace(/^<(.*)>$/, '$1'))
    .filter((word) => word !== '')
}

const bare = (text: string) => text.trim().replace(/^<(.*)>$/, '$1')

/** What main receives; undefined when every part is the default. */
export function envelopeChoiceOf(form: EnvelopeForm): EnvelopeChoice | undefined {
  const from = form.sender === 'null' ? '' : form.sender === 'other' && bare(form.senderAddress) !== '' ? bare(form.senderAddress) : undefined
  const to = form.recipients === 'other' ? envelopeAddresses(form.recipientList) : []
  const dsn: DsnOptions = {
    ...(form.notify.length > 0 ? { notify: [...form.notify] } : {}),
    ...(form.ret ? { ret: form.ret } : {}),
    ...(form.envid !== '' ? { envid: form.envid } : {}),
    ...(form.orcpt ? { orcpt: true } : {}),
  }
  const choice: EnvelopeChoice = {
    ...(from !== undefined ? { from } : {}),
    ...(to.length > 0 ? { to } : {}),
    ...(Object.keys(dsn).length > 0 ? { dsn } : {}),
    ...(form.requireTls ? { requireTls: true } : {}),
  }
  return Object.keys(choice).length > 0 ? choice : undefined
}

/** The form of a restored draft's choice (anything it does not name stays default). */
export function envelopeFormOf(choice: EnvelopeChoice | undefined): EnvelopeForm {
  const form = emptyEnvelopeForm()
  if (!choice || typeof choice !== 'object') return form
  if (choice.from === '') form.sender = 'null'
  else if (typeof choice.from === 'string') Object.assign(form, { sender: 'other', senderAddress: choice.from })
  if (Array.isArray(choice.to) && choice.to.length > 0) Object.assign(form, { recipients: 'other', recipientList: choice.to.join(', ') })
  const dsn = choice.dsn
  if (dsn && typeof dsn === 'object') {
    if (Array.isArray(dsn.notify)) form.notify = dsn.notify.filter((word) => word === 'NEVER' || DSN_NOTIFY_EVENTS.includes(word))
    if (dsn.ret === 'FULL' || dsn.ret === 'HDRS') form.ret = dsn.ret
    if (typeof dsn.envid === 'string') form.envid = dsn.envid
    form.orcpt = dsn.orcpt === true
  }
  form.requireTls = choice.requireTls === true
  return form
}

/** NOTIFY=NEVER stands alone (RFC 3461 4.1): ticking it clears the others, and the reverse. */
export function toggledNotify(notify: readonly DsnNotifyWord[], word: DsnNotifyWord, on: boolean): DsnNotifyWord[] {
  if (!on) return notify.filter((w) => w !== word)
  if (word === 'NEVER') return ['NEVER']
  return [...notify.filter((w) => w !== 'NEVER' && w !== word), word].sort(
    (a, b) => DSN_NOTIFY_EVENTS.indexOf(a) - DSN_NOTIFY_EVENTS.indexOf(b),
  )
}

export interface EnvelopeProblem {
  field: string
  message: string
}

/** What the renderer can tell is wrong before a send; main checks again. */
export function envelopeProblems(form: EnvelopeForm): EnvelopeProblem[] {
  const problems: EnvelopeProblem[] = []
  if (form.sender === 'other') {
    const address = bare(form.senderAddress)
    const error = address === '' ? 'give the envelope sender, or choose the From address or <>' : /[\s<>]/.test(address) ? 'one bare address, without a name' : addressError(address)
    if (error) problems.push({ field: 'envelope.from', message: `Envelope sender: ${error}` })
  }
  if (form.recipients === 'other') {
    const addresses = envelopeAddresses(form.recipientList)
    if (addresses.length === 0) problems.push({ field: 'envelope.to', message: 'Envelope recipients: give at least one, or take those of the headers' })
    addresses.forEach((address, index) => {
      const error = /[<>]/.test(address) ? 'one bare address, without a name' : addressError(address)
      if (error) problems.push({ field: `envelope.to[${index}]`, message: `Envelope recipient ${address}: ${error}` })
    })
  }
  if (/[\r\n\0]/.test(form.envid)) problems.push({ field: 'envelope.dsn.envid', message: 'ENVID: one line, without line breaks' })
  if (form.envid.length > 100) problems.push({ field: 'envelope.dsn.envid', message: 'ENVID: at most 100 characters (RFC 3461 4.4)' })
  return problems
}

/** The From header's bare address, when it holds exactly one. */
export function fromHeaderAddress(from: string): string | undefined {
  const parsed = parseRecipientList(from)
  return parsed.length === 1 && !parsed[0]!.error ? parsed[0]!.address : undefined
}

/** One line saying what the session will use: the Envelope part's heading when closed. */
export function envelopeSummary(form: EnvelopeForm, headers: { from: string; recipients: string[] }): string {
  const fromAddress = fromHeaderAddress(headers.from)
  const sender =
    form.sender === 'null'
      ? 'from <> (null sender)'
      : form.sender === 'other' && bare(form.senderAddress) !== ''
        ? `from ${bare(form.senderAddress)}`
        : fromAddress
          ? `from ${fromAddress} (From)`
          : 'from the From address'
  const chosen = form.recipients === 'other' ? envelopeAddresses(form.recipientList) : []
  const list = chosen.length > 0 ? chosen : headers.recipients
  const names = list.length === 0 ? 'no recipients yet' : list.length <= 2 ? list.join(', ') : `${list.length} recipients`
  const recipients = `to ${names}${chosen.length > 0 ? '' : ' (To, Cc, Bcc)'}`
  const dsnParts = [
    form.notify.length > 0 ? `NOTIFY=${form.notify.join(',')}` : '',
    form.ret ? `RET=${form.ret}` : '',
    form.envid ? 'ENVID' : '',
    form.orcpt ? 'ORCPT' : '',
  ].filter(Boolean)
  return [sender, recipients, dsnParts.length > 0 ? `DSN ${dsnParts.join(' ')}` : '', form.requireTls ? 'REQUIRETLS' : '']
    .filter(Boolean)
    .join(' · ')
}
