// What the inbox's session file (main/inbox/session-store.ts) holds, read the way the
// store reads it at start: the ids of the records it keeps, in order, and its line count.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SESSIONS_DIR, SESSIONS_FILE } from '../../../main/inbox/session-store'

export async function recordedSessions(dataDir: string): Promise<{ ids: string[]; lines: number }> {
  const text = await readFile(join(dataDir, SESSIONS_DIR, SESSIONS_FILE), 'utf8').catch(() => '')
  const ids = new Set<string>()
  const lines = text.split('\n').filter((line) => line !== '')
  for (const line of lines) {
    const change = JSON.parse(line) as { put?: { id: string }; delete?: string }
    if (change.put) {
      ids.delete(change.put.id)
      ids.add(change.put.id)
    } else if (change.delete) ids.delete(change.delete)
  }
  return { ids: [...ids], lines: lines.length }
}
