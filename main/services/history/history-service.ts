// History as the renderer uses it: list, reopen, remove, and export through a save dialog.
import type { ExportFormat, ExportOutcome, HistoryEntry, HistorySummary } from '../../../preload/contract'
import type { Dialogs } from '../dialogs'
import { writeFileAtomic } from '../../storage/atomic-file'
import { EXPORT_FILES, suggestedFileName, transcriptJson, transcriptText } from './export-formats'
import type { HistoryStore } from './history-store'

/** Exports are ordinary documents: readable as the user's umask allows, unlike our data files. */
const EXPORT_FILE_MODE = 0o666

export interface HistoryService {
  list(): HistorySummary[]
  get(id: string): Promise<HistoryEntry>
  export(id: string, format: ExportFormat): Promise<ExportOutcome>
  remove(id: string): Promise<void>
}

export function createHistoryService(store: HistoryStore, dialogs: Dialogs): HistoryService {
  return {
    list: () => store.list(),
    get: (id) => store.get(id),
    remove: (id) => store.remove(id),
    async export(id, format) {
      const entry = await store.get(id)
      // Fetch the bytes before asking, so a missing .eml fails without a pointless dialog.
      const content = format === 'eml' ? await store.eml(id) : format === 'json' ? transcriptJson(entry) : transcriptText(entry)
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
