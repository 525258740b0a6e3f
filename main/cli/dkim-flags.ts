// --dkim-domain, --dkim-selector, --dkim-key PATH, --dkim-headers LIST: sign the message sent
// (RFC 6376). Parsed here; the key is read and checked before anything connects (dkimFor).
import { checkDkimSigning, MessageInputError, type DkimSigning } from '../message/index'
import { InputError } from './input-error'
import { readUtf8 } from './input-files'

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

/** The signing the flags ask for, the key read and checked; an InputError names the flag at fault. */
export function dkimFor(args: DkimArgs): DkimSigning | undefined {
  if (!args.dkim) return undefined
  const { domain, selector, keyPath, headers } = args.dkim
  const signing: DkimSigning = { domain, selector, privateKey: readUtf8('--dkim-key', keyPath), ...(headers ? { headers } : {}) }
  try {
    checkDkimSigning(signing)
  } catch (error) {
    if (!(error instanceof MessageInputError)) throw error
    const flag = `--${error.field.replace(' ', '-')}`
    throw new InputError(`${flag}${error.field === 'dkim key' ? ` ${keyPath}` : ''} ${error.errors[0]?.message ?? error.message}`)
  }
  return signing
}
