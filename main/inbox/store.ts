// Received messages on disk, bounded, restored on restart.
//
// In `messages/`: per message `<id>.eml` (the raw source, flushed to disk as it arrives)
// and `<id>.parsed.json` (the parsed form, made when the message is first opened and
// written behind: parsed again when missing), and
// one `journal.jsonl` listing the kept messages' summaries (journal.ts: group commit). A
// message is kept exactly when the journal lists it and its raw file is whole, so a crash
// at any point leaves either a whole message or leftovers that the next start deletes. A
// message is answered 250 only once its journal line is on disk: it survives a crash of
// the inbox (and of the machine), and the messages that arrive together share one commit.
import { mkdir, readFile, readdir, rm, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { isTempFileName } from '../storage/atomic-file'
import { isId } from './ids'
import { Journal } from './journal'
import { parseMessageFile, parseSummaryHeaders, type SummaryHeaders } from './parse'
import type { InboxLimits, MessageSummary, ParsedMessage, ReceivedEnvelope, StoredMessage } from './types'
import { writeFileBehind } from './write-behind'

export const MESSAGES_DIR = 'messages'
export const JOURNAL_FILE = 'journal.jsonl'

export interface IncomingMessage {
  id: string
  /** Where receiveToFile wrote it: `incomingPath(id)`. */
  path: string
  size: number
  /** The beginning of the message as received (receiveToFile's head): its headers. */
  head: Buffer
  sessionId: string
  envelope: ReceivedEnvelope
  secure: boolean
  authUser?: string
}

function isSummary(value: unknown): value is MessageSummary {
  const summary = value as MessageSummary
  return (
    typeof summary === 'object' &&
    summary !== null &&
    isId('msg', summary.id) &&
    isId('ses', summary.sessionId) &&
    typeof summary.receivedAt === 'string' &&
    Number.isSafeInteger(summary.size) &&
    typeof summary.envelope === 'object' &&
    Array.isArray(summary.to)
  )
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown
  } catch {
    return undefined
  }
}

async function fileSize(path: string): Promise<number | undefined> {
  return stat(path).then(
    (info) => info.size,
    () => undefined,
  )
}

/**
 * rm() without its checks: it looks at the file (lstat) before it unlinks it, a second
 * trip to the disk for each file of each evicted message (issue 22).
 */
async function unlinkIfThere(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error
  })
}

export class MessageStore {
  /** Oldest first (Map keeps insertion order). */
  private readonly summaries = new Map<string, MessageSummary>()
  private readonly footprint = new Map<string, number>()
  private totalBytes = 0
  /** Parsed forms still being written behind, by message id. */
  private readonly parsedWrites = new Map<string, Promise<unknown>>()
  /** Work not awaited by anyone (writes behind, deletions of evicted messages): idle() waits. */
  private readonly background = new Set<Promise<unknown>>()

  private constructor(
    private readonly dir: string,
    private readonly limits: InboxLimits,
    private readonly journal: Journal<MessageSummary>,
  ) {}

  static async open(dataDir: string, limits: InboxLimits): Promise<MessageStore> {
    const dir = join(dataDir, MESSAGES_DIR)
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const { journal, values, existed } = await Journal.open(join(dir, JOURNAL_FILE), isSummary)
    const store = new MessageStore(dir, limits, journal)
    await store.restore(existed ? values : await store.importSummaryFiles())
    return store
  }

  /** Newest first. */
  list(): MessageSummary[] {
    return [...this.summaries.values()].reverse()
  }

  has(id: string): boolean {
    return this.summaries.has(id)
  }

  summary(id: string): MessageSummary | undefined {
    return this.summaries.get(id)
  }

  get bytes(): number {
    return this.totalBytes
  }

  /** Where a message being received is written (its final name: the journal decides whether it is kept). */
  incomingPath(id: string): string {
    if (!isId('msg', id)) throw new TypeError(`Not a message id: ${id}`)
    return this.path(id, '.eml')
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
    await this.parsedWrites.get(id)
    let parsed = (await readJson(this.path(id, '.parsed.json'))) as ParsedMessage | undefined
    if (typeof parsed !== 'object' || parsed === null) {
      // Not parsed yet (the body is parsed when the message is first opened), or lost in a
      // crash of the machine: the raw source has it.
      parsed = await parseMessageFile(this.path(id, '.eml')).catch(() => undefined)
      if (!parsed || !this.summaries.has(id)) return undefined
      if (!this.parsedWrites.has(id)) {
        const bytes = this.writeParsedBehind(id, parsed)
        this.footprint.set(id, (this.footprint.get(id) ?? 0) + bytes)
        this.totalBytes += bytes
        this.evict(id)
      }
    }
    return { ...summary, parsed }
  }

  /**
   * Keeps a received message (resolving once it is on disk), then evicts the oldest ones
   * over the limits. Only its headers are parsed now, from the head kept in memory; the
   * body when the message is first opened (get). A header block longer than the head is
   * rare: that message is parsed whole now.
   */
  async add(incoming: IncomingMessage): Promise<MessageSummary> {
    const { id } = incoming
    try {
      let parsed: SummaryHeaders | undefined = await parseSummaryHeaders(incoming.head).catch(() => undefined)
      let parsedBytes = 0
      if (!parsed) {
        const whole = await parseMessageFile(incoming.path)
        parsedBytes = this.writeParsedBehind(id, whole)
        parsed = whole
      }
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
      await this.journal.put(summary)
      this.track(summary, incoming.size + parsedBytes + Buffer.byteLength(JSON.stringify(summary)))
      this.evict(id)
      return summary
    } catch (error) {
      await this.deleteFiles(id)
      throw error
    }
  }

  async remove(id: string): Promise<boolean> {
    if (!isId('msg', id) || !this.summaries.has(id)) return false
    this.untrack(id)
    await this.discard(id)
    return true
  }

  async clear(): Promise<void> {
    const ids = [...this.summaries.keys()]
    for (const id of ids) this.untrack(id)
    await this.journal.clear()
    await Promise.all(ids.map((id) => this.deleteFiles(id)))
  }

  /** Resolves once every write and deletion started so far is done. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background])
    await this.journal.idle()
  }

  private path(id: string, suffix: string): string {
    return join(this.dir, `${id}${suffix}`)
  }

  /** Starts writing the parsed form; returns its size (counted against maxStoreBytes). */
  private writeParsedBehind(id: string, parsed: ParsedMessage): number {
    const text = JSON.stringify(parsed)
    const write = writeFileBehind(this.path(id, '.parsed.json'), text)
      .catch(() => undefined)
      .finally(() => {
        if (this.parsedWrites.get(id) === write) this.parsedWrites.delete(id)
      })
    this.parsedWrites.set(id, write)
    this.inBackground(write)
    return Buffer.byteLength(text, 'utf8')
  }

  private inBackground(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.background.delete(tracked))
    this.background.add(tracked)
  }

  private track(summary: MessageSummary, bytes: number): void {
    this.summaries.set(summary.id, summary)
    this.footprint.set(summary.id, bytes)
    this.totalBytes += bytes
  }

  private untrack(id: string): void {
    this.summaries.delete(id)
    this.totalBytes -= this.footprint.get(id) ?? 0
    this.footprint.delete(id)
  }

  /**
   * Oldest first, until within the limits; the message just kept always stays. Decided at
   * once (messages committed in one batch never evict the same one twice); the files go
   * and the journal notes it in the background.
   */
  private evict(keep?: string): void {
    for (const id of [...this.summaries.keys()]) {
      const over = this.summaries.size > this.limits.maxMessages || this.totalBytes > this.limits.maxStoreBytes
      if (!over || id === keep) break
      this.untrack(id)
      this.inBackground(this.discard(id))
    }
  }

  /**
   * The files first, then the journal line: a crash in between leaves a journal entry
   * without its raw file, which the next start skips.
   */
  private async discard(id: string): Promise<void> {
    await this.deleteFiles(id)
    await this.journal.delete(id)
  }

  private async deleteFiles(id: string): Promise<void> {
    // A parsed form still being written would land after the deletion.
    await this.parsedWrites.get(id)
    await Promise.all([unlinkIfThere(this.path(id, '.eml')), unlinkIfThere(this.path(id, '.parsed.json'))])
  }

  private async restore(summaries: MessageSummary[]): Promise<void> {
    for (const summary of summaries) {
      const rawBytes = await fileSize(this.path(summary.id, '.eml'))
      if (rawBytes !== summary.size) {
        await this.journal.delete(summary.id)
        continue
      }
      const parsedBytes = (await fileSize(this.path(summary.id, '.parsed.json'))) ?? 0
      this.track(summary, rawBytes + parsedBytes + Buffer.byteLength(JSON.stringify(summary)))
    }
    // Anything that is not part of a kept message: leftovers of a crash or of a failed write.
    for (const name of await readdir(this.dir)) {
      if (name === JOURNAL_FILE) continue
      const id = name.split('.')[0] ?? ''
      const kept = this.summaries.has(id) && (name === `${id}.eml` || name === `${id}.parsed.json`)
      if (isTempFileName(name) || !kept) await rm(join(this.dir, name), { force: true, recursive: true })
    }
    this.evict()
    await this.idle()
  }

  /**
   * A folder from before the journal kept each summary as `<id>.json` (written last,
   * removed first): those become the journal's first entries, oldest first. The files
   * themselves go with the other leftovers once the journal has them.
   */
  private async importSummaryFiles(): Promise<MessageSummary[]> {
    const summaries: MessageSummary[] = []
    for (const name of (await readdir(this.dir)).sort()) {
      const id = name.slice(0, -'.json'.length)
      if (!name.endsWith('.json') || name.endsWith('.parsed.json') || !isId('msg', id)) continue
      const value = await readJson(join(this.dir, name))
      if (isSummary(value) && value.id === id) summaries.push(value)
    }
    await Promise.all(summaries.map((summary) => this.journal.put(summary)))
    return summaries
  }
}
