// From `mailwire send` flags to what the message layer takes: the ComposeModel, checked
// with the same rules the desktop app applies, and the SMTP envelope.
import { buildEnvelope, parseAddressList, validateCompose, type FieldError } from '../message/index'
import type { ComposeModel } from '../message/types'
import type { Envelope } from '../smtp/types'
import type { MessageArgs } from './arg-types'
import { InputError } from './input-error'
import { checkReadableFile } from './input-files'

/** Each flag value may be a pasted list; every entry must parse. */
function expandAddresses(flag: string, values: readonly string[]): string[] {
  const entries: string[] = []
  for (const value of values) {
    const parsed = parseAddressList(value)
    if (parsed.length === 0) throw new InputError(`--${flag} '${value}' has no address in it`)
    for (const entry of parsed) {
      if (entry.error) throw new InputError(`--${flag} '${entry.input}' ${entry.error}`)
      entries.push(entry.input)
    }
  }
  return entries
}

/** The message layer names fields (`to[1]`, `header X-Foo`); the user knows flags. */
function flagFor(field: string): string {
  const [, name = field, index] = /^(\w+)(?:\[(\d+)\])?/.exec(field) ?? []
  const flags: Record<string, string> = {
    from: '--from',
    to: '--to',
    cc: '--cc',
    bcc: '--bcc',
    subject: '--subject',
    text: '--body',
    raw: '--data-file',
    attachment: '--attach',
    header: '--header',
  }
  const flag = flags[name] ?? field
  if (name === 'header') return `--header ${field.slice('header '.length)}`
  return index === undefined ? flag : `${flag} #${Number(index) + 1}`
}

function describeFieldError(error: FieldError): string {
  return `${flagFor(error.field)}: ${error.message}`
}

export function composeModelFrom(args: MessageArgs): ComposeModel {
  const [from, ...extra] = expandAddresses('from', [args.from])
  if (from === undefined || extra.length > 0) throw new InputError('--from takes exactly one address')
  for (const path of args.attach) checkReadableFile('--attach', path)
  const body = args.body
  const model: ComposeModel = {
    from,
    to: expandAddresses('to', args.to),
    cc: expandAddresses('cc', args.cc),
    bcc: expandAddresses('bcc', args.bcc),
    subject: args.subject ?? '',
    // --body-file is streamed from disk when sent (see prepareMessage), like --data-file.
    text: body?.kind === 'text' ? body.text : '',
    attachments: args.attach.map((path) => ({ path })),
    headers: args.headers,
  }
  // --data-file is streamed from disk when sent (see prepareMessage): the model only makes the envelope.
  return model
}

/** The model checked and its envelope, or an InputError naming the flag at fault. */
export function checkedEnvelope(model: ComposeModel): Envelope {
  const errors = validateCompose(model)
  const first = errors[0]
  if (first) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : ''
    throw new InputError(`${describeFieldError(first)}${more}`)
  }
  return buildEnvelope(model)
}
