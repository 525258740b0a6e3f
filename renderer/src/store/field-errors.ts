import type { IpcError } from '../../../preload/contract'

/** Main's field errors as a map (`to[1]` → message): every issue, or the one `field`. */
export function fieldErrorsOf(error: IpcError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of error.fields ?? []) errors[issue.field] ??= issue.message
  if (error.field) errors[error.field] ??= error.message
  return errors
}
