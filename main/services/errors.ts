// What services throw on purpose: a code from the IPC contract and a message for the user.
// The IPC wrapper turns these into `{ ok: false, error }`; anything else becomes EINTERNAL.
import type { FieldIssue, IpcError } from '../../preload/contract'

export class ServiceError extends Error {
  readonly code: string
  readonly field?: string
  readonly fields?: FieldIssue[]

  constructor(code: string, message: string, details: { field?: string; fields?: FieldIssue[] } = {}) {
    super(message)
    this.name = 'ServiceError'
    this.code = code
    if (details.field !== undefined) this.field = details.field
    if (details.fields !== undefined) this.fields = details.fields
  }

  toIpcError(): IpcError {
    return {
      code: this.code,
      message: this.message,
      ...(this.field !== undefined ? { field: this.field } : {}),
      ...(this.fields !== undefined ? { fields: this.fields } : {}),
    }
  }
}
