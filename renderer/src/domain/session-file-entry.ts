// A session file shown like a History entry: the facts History lists (when, where, from
// whom, to how many, what, how it ended) read from the document. Pure.
import type { HistoryEntry, SendStatus, SessionDocument } from '../../../preload/contract'

/** A History entry, or a session file's document in its shape: a probe has no send result. */
export type ShownSession = Omit<HistoryEntry, 'result'> & { result?: HistoryEntry['result'] }

function statusOf(document: SessionDocument): SendStatus {
  if (document.result) return document.result.status
  return document.probe?.error ? 'failed' : 'sent'
}

export function sessionFileEntry(name: string, document: SessionDocument): ShownSession {
  const { profile, envelope, message } = document
  return {
    summary: {
      id: `file:${name}`,
      startedAt: document.startedAt,
      profileName: profile.name ?? document.writtenBy,
      host: profile.host,
      port: profile.port,
      from: envelope?.from ?? '',
      recipients: envelope?.to.length ?? 0,
      subject: message?.subject ?? (document.kind === 'probe' ? `Probe of ${profile.host}` : ''),
      status: statusOf(document),
      durationMs: document.result?.durationMs ?? document.probe?.durationMs ?? 0,
      ...(document.result?.queueId !== undefined ? { queueId: document.result.queueId } : {}),
    },
    transcript: document.transcript,
    ...(document.result ? { result: document.result } : {}),
  }
}

/** The shown session as a session file's document, for compareSessions (transcript and outcome). */
export function documentOfShown(shown: ShownSession): SessionDocument {
  const { summary } = shown
  return {
    format: 'mailwire-session/1',
    kind: 'send',
    writtenBy: '',
    startedAt: summary.startedAt,
    profile: shown.profile ?? { host: summary.host, port: summary.port, security: 'auto' },
    transcript: shown.transcript,
    ...(shown.result ? { result: shown.result } : {}),
  }
}
