// History as the renderer uses it: list, reopen, remove, and export through a save dialog.
import type { ExportFormat, ExportOutcome, HistoryEntry, HistorySummary, OpenedSession, SessionFileText } from '../../../preload/contract'
import type { Dialogs } from '../dialogs'
import { writeFileAtomic } from '../../storage/atomic-file'
import { EXPORT_FILES, suggestedFileName, transcriptJson, transcriptText } from './export-formats'
import type { HistoryStore } from './history-store'
import { openSessionFile, readSessionText } from './session-files'

/** Exports are ordinary documents: readable as the user's umask allows, unlike our data files. */
const EXPORT_FILE_MODE = 0o666

export interface HistoryService {
  list(): HistorySummary[]
  get(id: string): Promise<HistoryEntry>
  export(id: string, format: ExportFormat): Promise<ExportOutcome>
  remove(id: string): Promise<void>
  /** File > Open session: null when the user cancelled the dialog. */
  openFile(): Promise<OpenedSession | null>
  readFile(file: SessionFileText): OpenedSession
}

/** `writtenBy` names the app and its version in the JSON export (the session file). */
export function createHistoryService(store: HistoryStore, dialogs: Dialogs, writtenBy = 'mailwire-app'): HistoryService {
  return {
    openFile: () => openSessionFile(dialogs),
    readFile: (file) => readSessionText(file),
    list: () => store.list(),
    get: (id) => store.get(id),
    remove: (id) => store.remove(id),
    async export(id, format) {
      const entry = await store.get(id)
      // Fetch the bytes before asking, so a missing .eml fails without a pointless dialog.
      const content = format === 'eml' ? await store.eml(id) : format === 'json' ? transcriptJson(entry, writtenBy) : transcriptText(entry)
      const file = EXPORT_FILES[format]
      const path = await dialogs.saveFile({
        title: 'Export session',
        defaultName: suggestedFileName(entry, format),
        filters: [{ name: file.filterName, extensions: [file.extension] }],
      })
      if (path === null) return { saved: false }
      await writeFileAtomic(path, content, EXPORT_FILE_MODE)
      return { saved: true, path }
    },
  }
}
