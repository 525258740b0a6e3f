// History exports: the CLI's transcript format as text, the raw data as JSON, the
// message as .eml. Wire events are already masked by the engine (and again by the session
// service), so none of these can carry a credential.
import type { ExportFormat, HistoryEntry } from '../../../preload/contract'
import { formatResult, formatTranscript } from '../../report'
import { SESSION_FORMAT, type SessionDocument } from '../../report/session-document'

export interface ExportFile {
  extension: string
  filterName: string
}

export const EXPORT_FILES: Record<ExportFormat, ExportFile> = {
  text: { extension: 'txt', filterName: 'Text transcript' },
  json: { extension: 'json', filterName: 'Mailwire session' },
  eml: { extension: 'eml', filterName: 'Email message' },
}

/** The same text `mailwire send` prints: the transcript, then the result paragraph. */
export function transcriptText(entry: HistoryEntry): string {
  return `${formatTranscript(entry.transcript, { color: false })}\n${formatResult(entry.result, { color: false })}`
}

/** The session file (README "Session files"): the same document `mailwire send --json` writes. */
export function sessionDocumentOf(entry: HistoryEntry, writtenBy: string): SessionDocument {
  const { summary } = entry
  // Entries saved before the session file existed have only the summary's server.
  const profile = entry.profile ?? { name: summary.profileName, host: summary.host, port: summary.port, security: 'auto' }
  return {
    format: SESSION_FORMAT,
    kind: 'send',
    writtenBy,
    startedAt: summary.startedAt,
    profile,
    ...(entry.envelope ? { envelope: entry.envelope } : {}),
    ...(entry.message ? { message: entry.message } : {}),
    transcript: entry.transcript,
    result: entry.result,
  }
}

export function transcriptJson(entry: HistoryEntry, writtenBy: string): string {
  return `${JSON.stringify(sessionDocumentOf(entry, writtenBy), null, 2)}\n`
}

/** A file name to suggest: date, time and a tame version of the subject. */
export function suggestedFileName(entry: HistoryEntry, format: ExportFormat): string {
  const stamp = entry.summary.startedAt.replace(/\.\d+Z$/, '').replace(/[:]/g, '-').replace('T', ' ')
  const subject = entry.summary.subject
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N} _-]+/gu, '')
    .trim()
    .slice(0, 60)
  const base = subject ? `Mailwire ${stamp} ${subject}` : `Mailwire ${stamp}`
  return `${base}.${EXPORT_FILES[format].extension}`
}
