// --dkim-domain, --dkim-selector, --dkim-key PATH, --dkim-headers LIST: sign the message sent
// (RFC 6376). Parsed here, without the message layer (--help stays light); the key is read
// and checked before anything connects by dkimFor (dkim.ts).
import { InputError } from './input-error'

export interface DkimArgs {
  dkim?: { domain: string; selector: string; keyPath: string; headers?: string[] }
}

export const DKIM_FLAGS = ['dkim-domain', 'dkim-selector', 'dkim-key', 'dkim-headers'] as const

export function parseDkimFlags(strings: ReadonlyMap<string, string>): DkimArgs {
  const [domain, selector, keyPath, headerText] = DKIM_FLAGS.map((flag) => strings.get(flag))
  if (domain === undefined && selector === undefined && keyPath === undefined) {
    if (headerText !== undefined) throw new InputError('--dkim-headers goes with --dkim-domain, --dkim-selector and --dkim-key')
    return {}
  }
  const missing = DKIM_FLAGS.slice(0, 3).filter((flag) => !strings.get(flag)?.trim())
  if (missing.length > 0) throw new InputError(`DKIM signing needs --dkim-domain, --dkim-selector and --dkim-key together (missing ${missing.map((f) => `--${f}`).join(', ')})`)
  const headers = headerText?.split(/[\s,:]+/).filter((name) => name !== '')
  if (headers !== undefined && headers.length === 0) throw new InputError('--dkim-headers needs a list of header names, e.g. From,To,Subject,Date')
  return { dkim: { domain: domain!.trim(), selector: selector!.trim(), keyPath: keyPath!, ...(headers ? { headers } : {}) } }
}
