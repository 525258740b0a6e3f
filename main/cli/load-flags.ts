// --repeat N, --connections C and --allow-remote: a load send (load.ts). Parsed here, the
// bounds and the loopback rule checked in main/smtp/load/limits.ts, shared with the app.
import { MAX_LOAD_CONNECTIONS, MAX_LOAD_MESSAGES } from '../smtp/load/limits'
import { InputError } from './input-error'

export interface LoadArgs {
  messages: number
  connections: number
  allowRemote: boolean
}

export const LOAD_FLAGS = { repeat: 'string', connections: 'string', 'allow-remote': 'boolean' } as const

/** A connection per this many messages by default, up to 4: a small run stays on one. */
const DEFAULT_CONNECTIONS = 4

function count(flag: string, text: string, max: number): number {
  if (!/^\d{1,6}$/.test(text.trim()) || Number(text) < 1 || Number(text) > max) {
    throw new InputError(`--${flag} must be a number from 1 to ${max} (got '${text}')`)
  }
  return Number(text)
}

export function parseLoadFlags(flags: { string(name: string): string | undefined; boolean(name: string): boolean }): { load?: LoadArgs } {
  const repeat = flags.string('repeat')
  const connections = flags.string('connections')
  const allowRemote = flags.boolean('allow-remote')
  if (repeat === undefined) {
    const stray = connections !== undefined ? '--connections' : allowRemote ? '--allow-remote' : undefined
    if (stray) throw new InputError(`${stray} goes with --repeat N (a load send)`)
    return {}
  }
  const messages = count('repeat', repeat, MAX_LOAD_MESSAGES)
  return {
    load: {
      messages,
      connections: connections === undefined ? Math.min(DEFAULT_CONNECTIONS, messages) : count('connections', connections, MAX_LOAD_CONNECTIONS),
      allowRemote,
    },
  }
}
