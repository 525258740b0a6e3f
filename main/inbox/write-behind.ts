// Files the inbox can rebuild or do without after a crash of the machine: the parsed form
// of a message (parsed again from the raw source when missing) and ended session records.
// Written whole (temp file, then rename) so no reader and no crash of the inbox itself
// ever sees half a file, but not flushed (no fsync): they are not part of what a 250
// promises, and flushing them cost four of the seven fsyncs each message paid (issue 22).
import { rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

let written = 0

/**
 * Same shape as main/storage's temp files, so isTempFileName finds leftovers. Unique by
 * process id and a counter: random bytes from the crypto module cost more, several times
 * a message, and guard against nothing more.
 */
function tempPathFor(path: string): string {
  written += 1
  return join(dirname(path), `.${basename(path)}.${process.pid}.${written.toString(36)}.tmp`)
}

/** Writes `data` to `path` whole; resolves to the bytes written. Private to the user (0600). */
export async function writeFileBehind(path: string, data: string | Buffer): Promise<number> {
  const temp = tempPathFor(path)
  try {
    await writeFile(temp, data, { mode: 0o600, flag: 'wx' })
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  return Buffer.byteLength(data, 'utf8')
}
