// Session files coming in: File > Open session (main's own dialog, so the renderer never
// names a path) and a file dropped on the window (the renderer sends its text, no path).
// Either way the reader checks it, and a bad or foreign file is EINVALID with the reason.
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import type { OpenedSession, SessionFileText } from '../../../preload/contract'
import { IPC_ERROR } from '../../../preload/contract'
import { readSessionDocument } from '../../report/session-reader'
import type { Dialogs } from '../dialogs'
import { ServiceError } from '../errors'

/**
 * Larger than any session file we write (history keeps 100,000 wire events, a few tens of
 * MiB as JSON), small enough that a wrong file chosen by mistake is refused, not loaded.
 */
export const MAX_SESSION_FILE_BYTES = 64 * 1024 * 1024

export function checkedSession(name: string, text: string): OpenedSession {
  const read = readSessionDocument(text, name)
  if (!read.ok) throw new ServiceError(IPC_ERROR.invalidPayload, read.error, { field: 'file' })
  return { name, document: read.document }
}

async function readBounded(path: string): Promise<string> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    if (size > MAX_SESSION_FILE_BYTES) {
      throw new ServiceError(IPC_ERROR.invalidPayload, `${basename(path)} is too large to be a session file (${Math.round(size / 1024 / 1024)} MiB).`, { field: 'file' })
    }
    return (await handle.readFile()).toString('utf8')
  } finally {
    await handle.close()
  }
}

export async function openSessionFile(dialogs: Dialogs): Promise<OpenedSession | null> {
  const [path] = await dialogs.openFiles({ title: 'Open session' })
  if (path === undefined) return null
  let text: string
  try {
    text = await readBounded(path)
  } catch (error) {
    if (error instanceof ServiceError) throw error
    throw new ServiceError(IPC_ERROR.notFound, `${basename(path)} could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { field: 'file' })
  }
  return checkedSession(basename(path), text)
}

export function readSessionText({ name, text }: SessionFileText): OpenedSession {
  if (text.length > MAX_SESSION_FILE_BYTES) throw new ServiceError(IPC_ERROR.invalidPayload, `${name} is too large to be a session file.`, { field: 'file' })
  return checkedSession(name, text)
}
