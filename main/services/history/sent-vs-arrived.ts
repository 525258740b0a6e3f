// Sent versus arrived (issue 16 point 5): the message a History entry kept as sent, beside
// the same message as it arrived: the local test inbox's copy (the entry's queue id is the
// inbox message's id), or any .eml the user opens in main's own dialog (a message saved
// from another mailbox). The comparison itself is the pure main/report/message-diff.ts.
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ArrivedComparison } from '../../../preload/contract'
import { IPC_ERROR } from '../../../preload/contract'
import { compareMessages } from '../../report/message-diff'
import type { Dialogs } from '../dialogs'
import { ServiceError } from '../errors'
import type { HistoryStore } from './history-store'

/** The largest .eml opened for comparison: what the inbox and History keep at most. */
export const MAX_COMPARED_MESSAGE_BYTES = 200 * 1024 * 1024

export interface SentVsArrivedService {
  /** The entry's message against the local inbox's copy of it. */
  withInbox(historyId: string): Promise<ArrivedComparison>
  /** The entry's message against an .eml chosen in main's dialog; null when the user cancelled. */
  withFile(historyId: string): Promise<ArrivedComparison | null>
}

export interface SentVsArrivedDeps {
  store: HistoryStore
  inbox: { source(id: string): Promise<Buffer> }
  dialogs: Dialogs
}

async function sentMessage(store: HistoryStore, historyId: string): Promise<Buffer> {
  try {
    return await store.eml(historyId)
  } catch (error) {
    if (error instanceof ServiceError) throw new ServiceError(error.code, `The message of this session was not kept, so there is nothing to compare: ${error.message}`, { field: 'id' })
    throw error
  }
}

async function readEml(path: string): Promise<Buffer> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new ServiceError(IPC_ERROR.notFound, `${basename(path)} could not be read (${error.code ?? error.message}).`, { field: 'file' })
  })
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) throw new ServiceError(IPC_ERROR.invalidPayload, `${basename(path)} is not a regular file.`, { field: 'file' })
    if (stats.size > MAX_COMPARED_MESSAGE_BYTES) throw new ServiceError(IPC_ERROR.invalidPayload, `${basename(path)} is too large to compare (${Math.round(stats.size / 1024 / 1024)} MiB).`, { field: 'file' })
    return await handle.readFile()
  } finally {
    await handle.close()
  }
}

export function createSentVsArrivedService(deps: SentVsArrivedDeps): SentVsArrivedService {
  return {
    async withInbox(historyId) {
      const entry = await deps.store.get(historyId)
      const id = entry.summary.queueId
      if (id === undefined) throw new ServiceError(IPC_ERROR.notFound, 'The server named no queue id for this session, so its copy cannot be found in the local inbox.', { field: 'id' })
      const sent = await sentMessage(deps.store, historyId)
      const arrived = await deps.inbox.source(id).catch((error: Error) => {
        throw new ServiceError(IPC_ERROR.notFound, `The local inbox has no message ${id}: ${error.message}`, { field: 'id' })
      })
      return { historyId, arrivedFrom: `local inbox message ${id}`, comparison: compareMessages(sent, arrived) }
    },
    async withFile(historyId) {
      const sent = await sentMessage(deps.store, historyId)
      const [path] = await deps.dialogs.openFiles({ title: 'Compare with a message (.eml)' })
      if (path === undefined) return null
      return { historyId, arrivedFrom: basename(path), comparison: compareMessages(sent, await readEml(path)) }
    },
  }
}
