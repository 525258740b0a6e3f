// Everything wrong with a ComposeModel, per field, before anything is sent.
import type { ComposeModel } from './types'
import { attachmentProblem } from './attachment-problems'
import { controlCharacterProblem } from './characters'
import type { FieldError } from './errors'
import { customHeaderProblem, headerField } from './headers'
import { unfoldableWordProblem } from './header-text'
import { readModelAddresses } from './model-addresses'

const NUL_PROBLEM = 'contains a NUL character (U+0000)'

export function validateCompose(model: ComposeModel): FieldError[] {
  const errors: FieldError[] = [...readModelAddresses(model).errors]
  if (model.raw !== undefined) {
    // Raw mode: the address fields still make the envelope; the rest is the user's text.
    if (model.raw.trim() === '') errors.push({ field: 'raw', message: 'is empty' })
    else if (model.raw.includes('\0')) errors.push({ field: 'raw', message: NUL_PROBLEM })
    return errors
  }
  const subject = model.subject ?? ''
  const subjectProblem = controlCharacterProblem(subject) ?? unfoldableWordProblem(subject, 'Subject: '.length)
  if (subjectProblem) errors.push({ field: 'subject', message: subjectProblem })
  // Line breaks belong in a body; NUL does not (RFC 5322 §2.3, RFC 2045 §2.7-2.8).
  if ((model.text ?? '').includes('\0')) errors.push({ field: 'text', message: NUL_PROBLEM })
  if ((model.html ?? '').includes('\0')) errors.push({ field: 'html', message: NUL_PROBLEM })
  for (const header of model.headers ?? []) {
    const problem = customHeaderProblem(header)
    if (problem) errors.push({ field: headerField(header.name), message: problem })
  }
  ;(model.attachments ?? []).forEach((attachment, index) => {
    const problem = attachmentProblem(attachment)
    if (problem) errors.push({ field: `attachment[${index}]`, message: problem })
  })
  return errors
}
