// A profile's DKIM signing (issue 17): the key file named in the profile is read when a send
// starts, checked, and held only in the signing closure: never stored, logged or sent to
// the renderer (the profile keeps the path).
import { readFile } from 'node:fs/promises'
import type { ProfileConnection } from '../../preload/contract'
import { IPC_ERROR } from '../../preload/contract'
import { checkDkimSigning, MessageInputError, type DkimSigning } from '../message/index'
import { ServiceError } from './errors'

/** The PEM key of one signing domain is a few KiB; more is not a key. */
const MAX_DKIM_KEY_BYTES = 64 * 1024

/** The profile's field a DKIM problem belongs to, for the form. */
const FIELD_OF: Record<string, keyof ProfileConnection> = {
  'dkim domain': 'dkimDomain',
  'dkim selector': 'dkimSelector',
  'dkim key': 'dkimKeyPath',
  'dkim headers': 'dkimHeaders',
}

/** Signing is on when the domain, the selector and the key path are all set. */
export async function dkimSigningFor(profile: ProfileConnection): Promise<DkimSigning | undefined> {
  const { dkimDomain: domain, dkimSelector: selector, dkimKeyPath: keyPath } = profile
  if (!domain || !selector || !keyPath) return undefined
  const headers = profile.dkimHeaders?.split(/[\s,:]+/).filter((name) => name !== '')
  const signing: DkimSigning = { domain, selector, privateKey: await readKey(keyPath), ...(headers?.length ? { headers } : {}) }
  try {
    checkDkimSigning(signing)
  } catch (error) {
    if (!(error instanceof MessageInputError)) throw error
    const field = FIELD_OF[error.field] ?? 'dkimKeyPath'
    throw new ServiceError(IPC_ERROR.invalidPayload, `DKIM ${error.field} ${error.errors[0]?.message ?? ''}: fix it in the server profile.`, { field })
  }
  return signing
}

async function readKey(path: string): Promise<string> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message
    throw new ServiceError(IPC_ERROR.invalidPayload, `The DKIM key file ${path} cannot be read (${why}): fix it in the server profile.`, { field: 'dkimKeyPath' })
  }
  if (bytes.length > MAX_DKIM_KEY_BYTES) {
    throw new ServiceError(IPC_ERROR.invalidPayload, `The DKIM key file ${path} is too large to be a key.`, { field: 'dkimKeyPath' })
  }
  return bytes.toString('utf8')
}
