// Hand-written payload checks. Each check takes the value and the field's name and
// returns the value typed, or throws a PayloadError naming the field. Objects come back
// rebuilt with only the keys we know: nothing unchecked reaches a service.

export class PayloadError extends Error {
  readonly field: string

  constructor(field: string, message: string) {
    super(message)
    this.name = 'PayloadError'
    this.field = field
  }
}

export type Check<T> = (value: unknown, field: string) => T

/** How a field is named in messages: the whole payload has the empty name. */
const label = (field: string) => (field === '' ? 'The payload' : field)

/** CR, LF and NUL end a line or a string on the wire: never inside one header or address. */
const LINE_BREAK_OR_NUL = /[\r\n\0]/

export interface TextRules {
  max: number
  /** Refuse CR, LF and NUL (addresses, header values, anything that becomes one line). */
  singleLine?: boolean
  /** Refuse the empty string. */
  required?: boolean
}

export function text(rules: TextRules): Check<string> {
  return (value, field) => {
    if (typeof value !== 'string') throw new PayloadError(field, `${label(field)} must be text.`)
    if (value.length > rules.max) throw new PayloadError(field, `${label(field)} is too long (more than ${rules.max} characters).`)
    if (rules.singleLine && LINE_BREAK_OR_NUL.test(value)) {
      throw new PayloadError(field, `${label(field)} must not contain line breaks or NUL characters.`)
    }
    if (rules.required && value.trim() === '') throw new PayloadError(field, `${label(field)} is required.`)
    return value
  }
}

export function integer(min: number, max: number): Check<number> {
  return (value, field) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new PayloadError(field, `${label(field)} must be a whole number from ${min} to ${max}.`)
    }
    return value
  }
}

export const boolean: Check<boolean> = (value, field) => {
  if (typeof value !== 'boolean') throw new PayloadError(field, `${label(field)} must be true or false.`)
  return value
}

/**
 * One of the members of the union T, given as the keys of a record so that each must be
 * named: a member added to the contract's type fails typecheck here until it is allowed.
 */
export function oneOf<T extends string>(members: Record<NoInfer<T>, true>): Check<T> {
  const choices: readonly string[] = Object.keys(members)
  return (value, field) => {
    if (typeof value !== 'string' || !choices.includes(value)) {
      throw new PayloadError(field, `${label(field)} must be one of ${choices.join(', ')}.`)
    }
    return value as T
  }
}

export function list<T>(item: Check<T>, max: number): Check<T[]> {
  return (value, field) => {
    if (!Array.isArray(value)) throw new PayloadError(field, `${label(field)} must be a list.`)
    if (value.length > max) throw new PayloadError(field, `${label(field)} has too many entries (more than ${max}).`)
    return value.map((entry, index) => item(entry, `${field}[${index}]`))
  }
}

/** The key may be absent (or undefined); when present it must pass. */
export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (value, field) => (value === undefined ? undefined : check(value, field))
}

/** A check for every key of T, optional keys included: the contract's type gives the shape. */
type Shape<T> = { [K in keyof T]-?: Check<T[K]> }

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * A plain object of type T, with a check for each of its keys (a key T gains and the shape
 * lacks fails typecheck). Unknown keys are dropped, not refused: a renderer that spreads a
 * `Profile` (with `hasPassword`) into a save still works, and nothing extra passes.
 * Optional keys that are absent stay absent.
 */
export function object<T>(shape: Shape<NoInfer<T>>): Check<T> {
  return (value, field) => {
    if (!isPlainObject(value)) throw new PayloadError(field, `${label(field)} must be an object.`)
    const built: Record<string, unknown> = {}
    for (const [key, check] of Object.entries<Check<unknown>>(shape)) {
      const checked = check(value[key], field ? `${field}.${key}` : key)
      if (checked !== undefined) built[key] = checked
    }
    return built as T
  }
}

/** For messages without a payload: anything but undefined is a mistake. */
export const nothing: Check<undefined> = (value, field) => {
  if (value !== undefined) throw new PayloadError(field, 'This message takes no payload.')
  return undefined
}

/** Run a check on a whole payload; the field name of the payload itself is "payload". */
export function checkPayload<T>(check: Check<T>, payload: unknown): T {
  return check(payload, '')
}
