// `--fault NAME[=VALUE]`: the local inbox's fault presets as a user types them. Each flag
// maps to one InboxFaults field; the inbox's own checks (normalizeFaults) then apply, and
// their messages are reworded to name the flag, so a bad value is exit 2 with nothing started.
import { FaultsError, normalizeFaults } from '../inbox/faults'
import type { FaultName, InboxFaults } from '../inbox/types'
import { InputError } from './input-error'

interface FaultFlag {
  field: FaultName
  /** What the value is, for messages and --help; absent: the flag takes no value. */
  value?: 'PATTERN' | 'MS' | 'BYTES'
}

export const FAULT_FLAGS: Readonly<Record<string, FaultFlag>> = {
  'refuse-recipient': { field: 'refuseRecipient', value: 'PATTERN' },
  'greeting-421': { field: 'greeting421' },
  'rcpt-451': { field: 'rcpt451' },
  'slow-replies': { field: 'slowReplies', value: 'MS' },
  'disconnect-mid-data': { field: 'disconnectMidData', value: 'BYTES' },
}

const UNITS = { PATTERN: '', MS: ' (milliseconds)', BYTES: ' (bytes of message data)' } as const

function usage(): string {
  return Object.entries(FAULT_FLAGS)
    .map(([name, flag]) => (flag.value ? `${name}=${flag.value}` : name))
    .join(', ')
}

/** The flag name of an inbox fault field ("refuseRecipient" → "refuse-recipient"). */
export function flagNameOf(field: string): string | undefined {
  return Object.keys(FAULT_FLAGS).find((name) => FAULT_FLAGS[name]?.field === field)
}

function valueOf(name: string, flag: FaultFlag, text: string | undefined): InboxFaults[FaultName] {
  if (flag.value === undefined) {
    if (text !== undefined) throw new InputError(`--fault ${name} takes no value (got '${name}=${text}')`)
    return true
  }
  if (text === undefined || text.trim() === '') throw new InputError(`--fault ${name} needs a value: --fault ${name}=${flag.value}`)
  if (flag.value === 'PATTERN') return text
  if (!/^\d+$/.test(text.trim())) {
    throw new InputError(`--fault ${name}=${flag.value} must be a whole number${UNITS[flag.value]} (got '${text}')`)
  }
  return Number(text)
}

/** The faults the flags ask for, checked by the inbox's own rules; InputError on anything wrong. */
export function parseFaultFlags(values: readonly string[]): InboxFaults {
  const faults: Record<string, unknown> = {}
  for (const value of values) {
    const eq = value.indexOf('=')
    const name = (eq === -1 ? value : value.slice(0, eq)).trim()
    const text = eq === -1 ? undefined : value.slice(eq + 1)
    const flag = FAULT_FLAGS[name]
    if (!flag) throw new InputError(`unknown fault '${name}': give one of ${usage()}`)
    if (flag.field in faults) throw new InputError(`--fault ${name} given twice`)
    faults[flag.field] = valueOf(name, flag, text)
  }
  try {
    return normalizeFaults(faults)
  } catch (error) {
    if (!(error instanceof FaultsError)) throw error
    const name = flagNameOf(error.field)
    // The inbox names its fields ("slowReplies must be …"); the user typed a flag.
    throw new InputError(name ? `--fault ${error.message.replace(error.field, name)}` : error.message)
  }
}

/** The faults as flags again ("refuse-recipient=reject*, rcpt-451"), or "none". */
export function describeFaults(faults: InboxFaults): string {
  const shown = Object.entries(FAULT_FLAGS).flatMap(([name, flag]) => {
    const value = faults[flag.field]
    if (value === undefined || value === false) return []
    return [flag.value ? `${name}=${String(value)}` : name]
  })
  return shown.length > 0 ? shown.join(', ') : 'none'
}
