// Every session, saved: an index of summaries (newest first, bounded) and one file per
// entry with the transcript and result, plus the message as an .eml when it is small
// enough. All writes are atomic; the index is written last, so an entry it names exists.
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rename, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { EmlInfo, HistoryEntry, HistorySummary } from '../../../preload/contract'
import { IPC_ERROR } from '../../../preload/contract'
import { ServiceError } from '../errors'
import { isTempFileName, readFileIfExists, readJsonFile, removeStaleTempFiles, writeFileAtomic, writeJsonAtomic } from '../../storage/atomic-file'

/** Sessions kept; older ones are deleted as new ones arrive. */
export const MAX_HISTORY_ENTRIES = 200
const HISTORY_VERSION = 1
const INDEX_FILE = 'index.json'
/** Ids are generated here; anything else from outside is refused before it nears a path. */
const ENTRY_ID = /^[0-9]{8}T[0-9]{9}-[0-9a-f]{8}$/

interface IndexFile {
  version: number
  entries: HistorySummary[]
}

interface EntryFile extends HistoryEntry {
  version: number
}

export interface NewHistoryEntry extends Omit<HistoryEntry, 'summary'> {
  summary: Omit<HistorySummary, 'id'>
  /** The message bytes when they are kept (eml.kept). */
  emlBytes?: Buffer
}

export interface HistoryStore {
  list(): HistorySummary[]
  get(id: string): Promise<HistoryEntry>
  /** The kept message, or ENOTFOUND with the reason it was not kept. */
  eml(id: string): Promise<Buffer>
  add(entry: NewHistoryEntry): Promise<HistorySummary>
  remove(id: string): Promise<void>
}

export const isHistoryId = (id: string): boolean => ENTRY_ID.test(id)

/** Sortable by time, unique by the random tail: 20260128T153012345-1a2b3c4d. */
function newId(startedAt: Date): string {
  const stamp = startedAt.toISOString().replace(/[-:.Z]/g, '').replace(/^(\d{8}T\d{9}).*$/, '$1')
  return `${stamp}-${randomBytes(4).toString('hex')}`
}

export async function openHistoryStore(folder: string, max = MAX_HISTORY_ENTRIES): Promise<HistoryStore> {
  await mkdir(folder, { recursive: true })
  await removeStaleTempFiles(folder)
  const indexPath = join(folder, INDEX_FILE)
  const entryPath = (id: string) => join(folder, `${id}.json`)
  const emlPath = (id: string) => join(folder, `${id}.eml`)

  const read = await readJsonFile<IndexFile>(indexPath)
  let entries: HistorySummary[] = []
  if (read.state === 'ok' && Array.isArray(read.value?.entries)) {
    entries = read.value.entries.filter((entry) => typeof entry?.id === 'string' && isHistoryId(entry.id))
  } else if (read.state === 'corrupt') {
    await rename(indexPath, `${indexPath}.unreadable-${Date.now()}`)
  }
  await removeOrphans(folder, new Set(entries.map((entry) => entry.id)))

  const persistIndex = () => writeJsonAtomic(indexPath, { version: HISTORY_VERSION, entries } satisfies IndexFile)
  const deleteFiles = (id: string) =>
    Promise.all([unlink(entryPath(id)).catch(() => undefined), unlink(emlPath(id)).catch(() => undefined)])
  const find = (id: string): HistorySummary => {
    const summary = isHistoryId(id) ? entries.find((entry) => entry.id === id) : undefined
    if (!summary) throw new ServiceError(IPC_ERROR.notFound, 'This history entry no longer exists.', { field: 'id' })
    return summary
  }

  const get = async (id: string): Promise<HistoryEntry> => {
    find(id)
    const entry = await readJsonFile<EntryFile>(entryPath(id))
    if (entry.state !== 'ok') {
      throw new ServiceError(IPC_ERROR.notFound, 'This history entry could not be read.', { field: 'id' })
    }
    const { version: _version, ...rest } = entry.value
    return rest
  }

  return {
    list: () => entries.slice(),
    get,
    async eml(id) {
      const { eml } = await get(id)
      const bytes = eml?.kept ? await readFileIfExists(emlPath(id)) : null
      if (!bytes) {
        throw new ServiceError(IPC_ERROR.notFound, `The message was not kept: ${eml?.reason ?? 'it is missing'}.`, { field: 'format' })
      }
      return bytes
    },
    async add({ emlBytes, ...entry }) {
      const id = newId(new Date(entry.summary.startedAt))
      const summary: HistorySummary = { id, ...entry.summary }
      const eml: EmlInfo = entry.eml ?? { kept: false, reason: 'it was never composed' }
      if (eml.kept && emlBytes) await writeFileAtomic(emlPath(id), emlBytes)
      await writeJsonAtomic(entryPath(id), { version: HISTORY_VERSION, ...entry, summary, eml } satisfies EntryFile)
      const dropped = [summary, ...entries].slice(max)
      entries = [summary, ...entries].slice(0, max)
      await persistIndex()
      await Promise.all(dropped.map((old) => deleteFiles(old.id)))
      return summary
    },
    async remove(id) {
      find(id)
      entries = entries.filter((entry) => entry.id !== id)
      await persistIndex()
      await deleteFiles(id)
    },
  }
}

/** Entry files the index does not name: left by a crash between writing them and the index. */
async function removeOrphans(folder: string, known: Set<string>): Promise<void> {
  const names = await readdir(folder)
  const orphans = names.filter((name) => {
    if (name === INDEX_FILE || isTempFileName(name)) return false
    const id = name.replace(/\.(json|eml)$/, '')
    return isHistoryId(id) && !known.has(id)
  })
  await Promise.all(orphans.map((name) => unlink(join(folder, name)).catch(() => undefined)))
}
