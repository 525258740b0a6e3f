// Received messages on disk, bounded, restored on restart.
//
// Per message, in `messages/`: `<id>.eml` (the raw source), `<id>.parsed.json` (the
// parsed form) and `<id>.json` (the summary the list shows). The summary is written last
// and removed first: a message exists exactly when its summary does, so a crash at any
// point leaves either a whole message or leftovers that the next start deletes. Ids sort
// by arrival, so the order comes back from the file names alone.
import { readFile, readdir, rename, rm, stat } from 'node:fs/promises'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { isTempFileName, writeJsonAtomic } from '../storage/atomic-file'
import { isId } from './ids'
import { parseMessageFile } from './parse'
import type { InboxLimits, MessageSummary, ParsedMessage, ReceivedEnvelope, StoredMessage } from './types'

export const MESSAGES_DIR = 'messages'
/** A message still arriving over SMTP. */
const RECEIVING_SUFFIX = '.receiving'

export interface IncomingMessage {
  id: string
  /** Where receiveToFile wrote it: `incomingPath(id)`. */
  path: string
  size: number
  sessionId: string
  envelope: ReceivedEnvelope
  secure: boolean
  authUser?: string
}

function isSummary(value: unknown, id: string): value is MessageSummary {
  const summary = value as MessageSummary
  return (
    typeof summary === 'object' &&
    summary !== null &&
    summary.id === id &&
    isId('ses', summary.sessionId) &&
    typeof summary.receivedAt === 'string' &&
    Number.isSafeInteger(summary.size) &&
    typeof summary.envelope === 'object' &&
    Array.isArray(summary.to)
  )
}

async function fileSize(path: string): Promise<number | undefined> {
  return stat(path).then(
    (info) => info.size,
    () => undefined,
  )
}

export class MessageStore {
  /** Oldest first (Map keeps insertion order). */
  private readonly summaries = new Map<string, MessageSummary>()
  private readonly footprint = new Map<string, number>()
  private totalBytes = 0
  /** Commits, evictions and removals run one at a time. */
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(
    private readonly dir: string,
    private readonly limits: InboxLimits,
  ) {}

  static async open(dataDir: string, limits: InboxLimits): Promise<MessageStore> {
    const store = new MessageStore(join(dataDir, MESSAGES_DIR), limits)
    await mkdir(store.dir, { recursive: true, mode: 0o700 })
    await store.restore()
    return store
  }

  /** Newest first. */
  list(): MessageSummary[] {
    return [...this.summaries.values()].reverse()
  }

  has(id: string): boolean {
    return this.summaries.has(id)
  }

  get bytes(): number {
    return this.totalBytes
  }

  incomingPath(id: string): string {
    if (!isId('msg', id)) throw new TypeError(`Not a message id: ${id}`)
    return join(this.dir, `${id}.eml${RECEIVING_SUFFIX}`)
  }

  rawPath(id: string): string | undefined {
    return isId('msg', id) && this.summaries.has(id) ? this.path(id, '.eml') : undefined
  }

  async raw(id: string): Promise<Buffer | undefined> {
    const path = this.rawPath(id)
    return path ? readFile(path).catch(() => undefined) : undefined
  }

  async get(id: string): Promise<StoredMessage | undefined> {
    const summary = isId('msg', id) ? this.summaries.get(id) : undefined
    if (!summary) return undefined
    const text = await readFile(this.path(id, '.parsed.json'), 'utf8').catch(() => undefined)
    if (text === undefined) return undefined
    return { ...summary, parsed: JSON.parse(text) as ParsedMessage }
  }

  /** Parses and keeps a received message, then evicts the oldest ones over the limits. */
  async add(incoming: IncomingMessage): Promise<MessageSummary> {
    const { id } = incoming
    const raw = this.path(id, '.eml')
    const parsedPath = this.path(id, '.parsed.json')
    try {
      await rename(incoming.path, raw)
      const parsed = await parseMessageFile(raw)
      const parsedBytes = await writeJsonAtomic(parsedPath, parsed)
      const summary: MessageSummary = {
        id,
        sessionId: incoming.sessionId,
        receivedAt: new Date().toISOString(),
        size: incoming.size,
        envelope: incoming.envelope,
        ...(parsed.from[0] ? { from: parsed.from[0] } : {}),
        to: parsed.to,
        ...(parsed.subject !== undefined ? { subject: parsed.subject } : {}),
        secure: incoming.secure,
        ...(incoming.authUser !== undefined ? { authUser: incoming.authUser } : {}),
      }
      return await this.serialized(async () => {
        const summaryBytes = await writeJsonAtomic(this.path(id, '.json'), summary)
        this.track(summary, incoming.size + parsedBytes + summaryBytes)
        await this.evict(id)
        return summary
      })
    } catch (error) {
      await Promise.all([rm(raw, { force: true }), rm(parsedPath, { force: true })])
      throw error
    }
  }

  remove(id: string): Promise<boolean> {
    return this.serialized(async () => {
      if (!isId('msg', id) || !this.summaries.has(id)) return false
      await this.delete(id)
      return true
    })
  }

  clear(): Promise<void> {
    return this.serialized(async () => {
      for (const id of [...this.summaries.keys()]) await this.delete(id)
    })
  }

  /** Resolves once every commit and removal queued so far is done. */
  idle(): Promise<void> {
    return this.serialized(async () => {})
  }

  private path(id: string, suffix: string): string {
    return join(this.dir, `${id}${suffix}`)
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => {})
    return run
  }

  private track(summary: MessageSummary, bytes: number): void {
    this.summaries.set(summary.id, summary)
    this.footprint.set(summary.id, bytes)
    this.totalBytes += bytes
  }

  /** Oldest first, until within the limits; the message just kept always stays. */
  private async evict(keep?: string): Promise<void> {
    for (const id of this.summaries.keys()) {
      const over = this.summaries.size > this.limits.maxMessages || this.totalBytes > this.limits.maxStoreBytes
      if (!over || id === keep) break
      await this.delete(id)
    }
  }

  private async delete(id: string): Promise<void> {
    // The summary first: once it is gone the message is gone, whatever happens next.
    await rm(this.path(id, '.json'), { force: true })
    this.summaries.delete(id)
    this.totalBytes -= this.footprint.get(id) ?? 0
    this.footprint.delete(id)
    await Promise.all([rm(this.path(id, '.eml'), { force: true }), rm(this.path(id, '.parsed.json'), { force: true })])
  }

  private async restore(): Promise<void> {
    const names = (await readdir(this.dir)).sort()
    const kept = new Set<string>()
    for (const name of names) {
      const id = name.slice(0, -'.json'.length)
      if (!name.endsWith('.json') || name.endsWith('.parsed.json') || !isId('msg', id)) continue
      const summary = await this.readSummary(id)
      if (!summary) continue
      const rawBytes = await fileSize(this.path(id, '.eml'))
      const parsedBytes = await fileSize(this.path(id, '.parsed.json'))
      const summaryBytes = await fileSize(this.path(id, '.json'))
      if (rawBytes !== summary.size || parsedBytes === undefined || summaryBytes === undefined) continue
      this.track(summary, rawBytes + parsedBytes + summaryBytes)
      kept.add(id)
    }
    // Anything that is not part of a kept message: leftovers of a crash or of a failed write.
    for (const name of names) {
      const id = name.split('.')[0] ?? ''
      const leftover = isTempFileName(name) || name.endsWith(RECEIVING_SUFFIX) || !kept.has(id)
      if (leftover) await rm(join(this.dir, name), { force: true, recursive: true })
    }
    await this.evict()
  }

  private async readSummary(id: string): Promise<MessageSummary | undefined> {
    try {
      const value: unknown = JSON.parse(await readFile(this.path(id, '.json'), 'utf8'))
      return isSummary(value, id) ? value : undefined
    } catch {
      return undefined
    }
  }
}
