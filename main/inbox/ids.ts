// Ids for messages and sessions. They sort by arrival (so file names list in order and a
// restart restores the order without reading every file), and they are checked before
// they become part of a path: ids come back from the renderer and the command line.
import { randomBytes } from 'node:crypto'

export type IdKind = 'msg' | 'ses'

/** Base-36 milliseconds, fixed width: 9 digits last until the year 5188. */
const TIME_DIGITS = 9
const SEQUENCE_DIGITS = 3
const ID_PATTERN = /^(msg|ses)-[0-9a-z]{9}-[0-9a-z]{3}[0-9a-f]{6}$/

let lastMs = 0
let sequence = 0

export function newId(kind: IdKind, now: number = Date.now()): string {
  // Within one millisecond a counter keeps the order; the random part keeps ids from
  // two processes (the app and the CLI on one folder) apart.
  if (now === lastMs) sequence += 1
  else {
    lastMs = now
    sequence = 0
  }
  const time = now.toString(36).padStart(TIME_DIGITS, '0')
  const seq = (sequence % 36 ** SEQUENCE_DIGITS).toString(36).padStart(SEQUENCE_DIGITS, '0')
  return `${kind}-${time}-${seq}${randomBytes(3).toString('hex')}`
}

export function isId(kind: IdKind, value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value) && value.startsWith(`${kind}-`)
}
