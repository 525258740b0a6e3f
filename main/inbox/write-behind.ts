// Files the inbox can rebuild or do without after a crash of the machine: the parsed form
// of a message (parsed again from the raw source when missing) and ended session records.
// Written whole (temp file, then rename) so no reader and no crash of the inbox itself
// ever sees half a file, but not flushed (no fsync): they are not part of what a 250
// promises, and flushing them cost four of the seven fsyncs each message paid (issue 22).
import { open, rename, rm, writeFile, type FileHandle } from 'node:fs/promises'
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

/** Writes `data` to `path` whole; private to the user (0600). */
export async function writeFileBehind(path: string, data: string): Promise<void> {
  const temp = tempPathFor(path)
  try {
    await writeFile(temp, data, { mode: 0o600, flag: 'wx' })
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** The same, the content written by `write` into the open file (for a file made piece by piece). */
export async function writeFileBehindWith(path: string, write: (file: FileHandle) => Promise<void>): Promise<void> {
  const temp = tempPathFor(path)
  try {
    const file = await open(temp, 'wx', 0o600)
    try {
      await write(file)
    } finally {
      await file.close()
    }
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
