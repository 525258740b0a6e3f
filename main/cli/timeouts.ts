// --timeout SECONDS bounds every single wait: the same value for each step's timeout.
import { DEFAULT_TIMEOUTS } from '../smtp/index'
import type { Timeouts } from '../smtp/types'

export function everyTimeout(ms: number | undefined): Partial<Timeouts> | undefined {
  if (ms === undefined) return undefined
  const timeouts = { ...DEFAULT_TIMEOUTS }
  for (const key of Object.keys(timeouts) as Array<keyof Timeouts>) timeouts[key] = ms
  return timeouts
}
