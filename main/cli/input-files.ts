// Files named on the command line, read (or checked) before anything is sent, so a typo
// in a path is exit 2 with nothing on the wire. Only regular files are taken, opened
// without waiting (a FIFO with no writer would hang the CLI past Ctrl-C) and up to a named
// size (/dev/zero would grow without bound): the refusal says what the path is instead.
import { accessSync, constants, statSync } from 'node:fs'
import { inspectRawFile, inspectTextFile, type RawFileInspection, type TextFileInspection } from '../message/index'
import { fileTypeOf, readRegularFileSync, UnreadableFileError } from '../message/regular-file'
import { InputError } from './input-error'

/** --ca: a PEM bundle of a few CAs; the system's whole bundle is about 220 KiB. */
export const MAX_CA_FILE_BYTES = 1024 * 1024

/** --tls-cert, --tls-key, --tls-pfx: a certificate chain and its key are a few KiB. */
export const MAX_CLIENT_CERT_FILE_BYTES = 1024 * 1024

/** The cap of each flag that reads a whole file; the refusal names it. */
export const FILE_CAPS = {
  '--ca': MAX_CA_FILE_BYTES,
  '--tls-cert': MAX_CLIENT_CERT_FILE_BYTES,
  '--tls-key': MAX_CLIENT_CERT_FILE_BYTES,
  '--tls-pfx': MAX_CLIENT_CERT_FILE_BYTES,
  '--dkim-key': MAX_CLIENT_CERT_FILE_BYTES,
} as const
export type WholeFileFlag = keyof typeof FILE_CAPS

function why(error: unknown): string {
  if (error instanceof UnreadableFileError) return error.message
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EACCES') return 'permission denied'
  if (code === 'EISDIR') return 'it is a directory, not a regular file'
  return error instanceof Error ? error.message : String(error)
}

export function readBytes(flag: WholeFileFlag, path: string): Buffer {
  try {
    return readRegularFileSync(path, FILE_CAPS[flag])
  } catch (error) {
    throw new InputError(`cannot read ${flag} ${path}: ${why(error)}`)
  }
}

/** A text file as UTF-8; refuses other encodings rather than sending mojibake. */
export function readUtf8(flag: WholeFileFlag, path: string): string {
  const bytes = readBytes(flag, path)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new InputError(`${flag} ${path} is not UTF-8 text`)
  }
}

/** A file to attach: it must be a regular file, readable now; it is read when the message is built. */
export function checkReadableFile(flag: string, path: string): void {
  try {
    const stats = statSync(path)
    if (!stats.isFile()) throw new UnreadableFileError(`it is ${fileTypeOf(stats)}, not a regular file`)
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

/** A --body-file inspected in one streaming pass (it is streamed when sent, never read whole). */
export async function inspectBodyFile(flag: string, path: string): Promise<TextFileInspection> {
  try {
    return await inspectTextFile(path)
  } catch (error) {
    throw new InputError(`cannot read ${flag} ${path}: ${why(error)}`)
  }
}
