// The DKIM signing --dkim-* asked for, with its key read and checked before anything
// connects: a bad key is exit 2 with nothing sent. Apart from dkim-flags.ts so that parsing
// the flags does not load the message layer.
import { checkDkimSigning, MessageInputError, type DkimSigning } from '../message/index'
import type { DkimArgs } from './dkim-flags'
import { InputError } from './input-error'
import { readUtf8 } from './input-files'

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
