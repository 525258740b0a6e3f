// The checks of single flag values: each returns the value as the command needs it, or
// throws an InputError that names the flag and says what it should look like.
import type { HeaderInput } from '../message/types'
import { InputError } from './input-error'

/** An hour: far beyond RFC 5321 section 4.5.3.2's longest wait (10 minutes for the final dot). */
export const MAX_TIMEOUT_SECONDS = 3600
/** RFC 5322 section 2.2: a field name is printable US-ASCII except the colon. */
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new InputError(`--${flag} must be one of ${allowed.join(', ')} (got '${value}')`)
}

export function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const seconds = Number(value)
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) {
    throw new InputError(`--timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS} (got '${value}')`)
  }
  return Math.round(seconds * 1000)
}

export function parseHeader(text: string): HeaderInput {
  if (/[\r\n]/.test(text)) throw new InputError('--header cannot contain CR or LF (a line break would inject header lines)')
  const colon = text.indexOf(':')
  const name = colon === -1 ? '' : text.slice(0, colon).trim()
  if (colon === -1 || !FIELD_NAME.test(name)) {
    throw new InputError(`--header must look like "Name: value" (got '${text}')`)
  }
  return { name, value: text.slice(colon + 1).trim() }
}

/** Line breaks in an address would end the SMTP command and start another (command injection). */
export function noLineBreaks(flag: string, values: readonly string[]): string[] {
  for (const value of values) {
    if (/[\r\n]/.test(value)) {
      throw new InputError(`--${flag} cannot contain CR or LF: a line break in an address would inject SMTP commands`)
    }
  }
  return [...values]
}

export function checkHelo(value: string | undefined): string | undefined {
  // RFC 5321 section 4.1.1.1: EHLO takes one domain or address literal, no spaces.
  if (value !== undefined && !/^[\x21-\x7e]+$/.test(value)) {
    throw new InputError(`--helo must be one name without spaces or control characters (got '${value}')`)
  }
  return value
}
