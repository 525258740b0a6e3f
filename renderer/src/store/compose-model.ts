import type { ComposeModel } from '../../../preload/contract'
import type { ComposeData, RecipientChip } from './compose-slice'
import { addressError, formatRecipient, parseRecipientList } from '../domain/recipient-parse'
import { headerNameError, headerValueError } from '../domain/header-rules'
import { envelopeChoiceOf, envelopeProblems } from './envelope-model'

const recipientStrings = (list: RecipientChip[]) => list.map((chip) => (chip.error ? chip.input : formatRecipient(chip)))

/**
 * The ComposeModel the main process receives, for a send or a draft. A draft also keeps
 * what was typed but not yet turned into a chip, so nothing the user typed is lost.
 */
export function toComposeModel(compose: ComposeData, { forDraft = false } = {}): ComposeModel {
  const pendingAsText = (field: 'to' | 'cc' | 'bcc') =>
    forDraft ? parseRecipientList(compose.pending[field]).map((p) => p.input) : []
  return {
    from: compose.from.trim(),
    to: [...recipientStrings(compose.to), ...pendingAsText('to')],
    cc: [...recipientStrings(compose.cc), ...pendingAsText('cc')],
    bcc: [...recipientStrings(compose.bcc), ...pendingAsText('bcc')],
    subject: compose.subject,
    text: compose.text,
    attachments: compose.attachments.map((a) => ({ path: a.path, filename: a.name })),
    headers: compose.headers
      .filter((row) => forDraft || row.name !== '' || row.value !== '')
      .map((row) => ({ name: row.name.trim(), value: row.value })),
    ...(compose.rawMode ? { raw: compose.raw } : {}),
    ...envelopeField(compose),
  }
}

function envelopeField(compose: ComposeData) {
  const envelope = envelopeChoiceOf(compose.envelope)
  return envelope ? { envelope } : {}
}

export interface LocalProblem {
  /** Field name in the main process's form: `from`, `to[1]`, `header 2`. */
  field: string
  message: string
}

/** What the renderer can already tell is wrong; the main process checks again. */
export function localComposeProblems(compose: ComposeData): LocalProblem[] {
  const problems: LocalProblem[] = []
  const fromError = compose.from.trim() === '' ? 'the sender address is empty' : fromAddressError(compose.from)
  if (fromError) problems.push({ field: 'from', message: `From: ${fromError}` })
  for (const field of ['to', 'cc', 'bcc'] as const) {
    compose[field].forEach((chip, index) => {
      if (chip.error) problems.push({ field: `${field}[${index}]`, message: `${chip.input}: ${chip.error}` })
    })
  }
  if (compose.to.length + compose.cc.length + compose.bcc.length === 0) {
    problems.push({ field: 'to', message: 'add at least one recipient' })
  }
  compose.headers.forEach((row, index) => {
    if (row.name === '' && row.value === '') return
    const error = headerNameError(row.name.trim()) ?? headerValueError(row.value)
    if (error) problems.push({ field: `header ${index}`, message: `Header ${row.name || index + 1}: ${error}` })
  })
  if (compose.rawMode && compose.raw.trim() === '') problems.push({ field: 'raw', message: 'the raw message is empty' })
  problems.push(...envelopeProblems(compose.envelope))
  return problems
}

function fromAddressError(from: string): string | undefined {
  const parsed = parseRecipientList(from)
  if (parsed.length !== 1) return 'give exactly one sender address'
  return parsed[0]!.error ?? addressError(parsed[0]!.address)
}
