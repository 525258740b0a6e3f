// Files named on the command line, read (or checked) before anything is sent, so a typo
// in a path is exit 2 with nothing on the wire.
import { accessSync, constants, readFileSync, statSync } from 'node:fs'
import { inspectRawFile, type RawFileInspection } from '../message/index'
import { InputError } from './input-error'

function why(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EACCES') return 'permission denied'
  if (code === 'EISDIR') return 'it is a directory'
  return error instanceof Error ? error.message : String(error)
}

export function readBytes(flag: string, path: string): Buffer {
  try {
    return readFileSync(path)
  } catch (error) {
    throw new InputError(`cannot read ${flag} ${path}: ${why(error)}`)
  }
}

/** A text file as UTF-8; refuses other encodings rather than sending mojibake. */
export function readUtf8(flag: string, path: string): string {
  const bytes = readBytes(flag, path)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new InputError(`${flag} ${path} is not UTF-8 text`)
  }
}

/** A file to attach: it must exist and be readable now; it is read when the message is built. */
export function checkReadableFile(flag: string, path: string): void {
  try {
    if (!statSync(path).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' })
    accessSync(path, constants.R_OK)
  } catch (error) {
    throw new InputError(`cannot read ${flag} ${path}: ${why(error)}`)
  }
}

/**
 * A --data-file inspected in one streaming pass (never read whole: it may be 100 MB); what
 * stops a send (empty, NUL, not UTF-8) is exit 2 here, before anything connects.
 */
export async function inspectDataFile(flag: string, path: string): Promise<RawFileInspection> {
  let inspection: RawFileInspection
  try {
    inspection = await inspectRawFile(path)
  } catch (error) {
    throw new InputError(`cannot read ${flag} ${path}: ${why(error)}`)
  }
  return inspection
}
