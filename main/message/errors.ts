// How the message layer reports bad input: per field, naming the offending character.

export interface FieldError {
  /** `from`, `to[1]`, `cc[0]`, `bcc[2]`, `replyTo`, `subject`, `text`, `html`,
   *  `header X-Foo`, `attachment[0]`, `raw`. */
  field: string
  message: string
}

/** Thrown by buildEnvelope and messageFactory when the model cannot be sent as it is. */
export class MessageInputError extends Error {
  readonly field: string
  /** Every problem found; the first one is also `field` / `message`. */
  readonly errors: FieldError[]

  constructor(errors: FieldError[] | FieldError) {
    const list = Array.isArray(errors) ? errors : [errors]
    const first = list[0] ?? { field: 'message', message: 'is invalid' }
    super(`${first.field} ${first.message}`)
    this.name = 'MessageInputError'
    this.field = first.field
    this.errors = list
  }
}
