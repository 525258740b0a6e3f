// Ended sessions on disk, so a kept message can always show the session that delivered it,
// after a restart too. Bounded: sessions that no kept message refers to are kept up to
// maxSessions, oldest out first.
//
// One append-only file, `sessions/sessions.jsonl`: a line per saved record ({"put": record})
// and per dropped one ({"delete": id}); a record is read back from its place in the file.
// It used to be a file per session: four file operations each (create, write, close,
// rename) where a batch of sessions now shares one append, and creating a file is the
// dear one (issue 22: about 1 ms of CPU per file created in the benchmark's folder on our
// build machine, 30 to 60 us elsewhere on the same disk).
// Dead lines are rewritten away once there are more of them than live ones, and at start,
// which also drops a line a crash cut short.
//
// Written behind (no fsync, write-behind.ts): a record is written when its session ends, so
// a crash loses the records of open sessions anyway, and no 250 waits for one. A record is
// kept the moment it is saved (get finds it while it is written), and the records saved
// meanwhile are written together in one append: one at a time, ten clients ending their
// sessions at once made a queue that held thousands of ended sessions (and their sockets)
// under load (issue 22).
import { mkdir, open, readFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { isTempFileName } from '../storage/atomic-file'
import { isId } from './ids'
import type { InboxSession, SessionSummary } from './types'
import { writeFileBehind, writeFileBehindWith } from './write-behind'

export const SESSIONS_DIR = 'sessions'
export const SESSIONS_FILE = 'sessions.jsonl'

/** Dead lines tolerated beyond the live count before the file is rewritten. */
const COMPACT_SLACK_LINES = 100
/** Bytes of records copied per write when the file is rewritten. */
const COPY_BUFFER_BYTES = 64 * 1024

/** Where a written record's line is in the file. */
interface Place {
  offset: number
  length: number
}

function isSession(value: unknown, id?: string): value is InboxSession {
  const session = value as InboxSession
  return (
    typeof session === 'object' &&
    session !== null &&
    isId('ses', session.id) &&
    (id === undefined || session.id === id) &&
    typeof session.startedAt === 'string' &&
    Array.isArray(session.messageIds) &&
    Array.isArray(session.faults) &&
    Array.isArray(session.events)
  )
}

function summaryOf(session: InboxSession): SessionSummary {
  return {
    id: session.id,
    startedAt: session.startedAt,
    ...(session.endedAt ? { endedAt: session.endedAt } : {}),
    messageIds: session.messageIds,
    faults: session.faults,
  }
}

function putLine(session: InboxSession): string {
  return `${JSON.stringify({ put: session })}\n`
}

function parseJson(text: string | Buffer): unknown {
  try {
    return JSON.parse(text.toString()) as unknown
  } catch {
    return undefined
  }
}

/** The record of a put line, or undefined for any other line (a delete, a cut line). */
function parsePut(line: string | Buffer, id?: string): InboxSession | undefined {
  const put = (parseJson(line) as { put?: unknown } | undefined)?.put
  return isSession(put, id) ? put : undefined
}

/**
 * A whole line of this record, checked without parsing it: parsing every record of a
 * rewrite promoted them all to the old generation, which the peak RSS showed (issue 22).
 */
function isRecordLine(line: Buffer, id: string): boolean {
  return line.at(-1) === 0x0a && line.subarray(0, 64).includes(`"id":"${id}"`)
}

function parseDelete(line: string): string | undefined {
  const deleted = (parseJson(line) as { delete?: unknown } | undefined)?.delete
  return typeof deleted === 'string' ? deleted : undefined
}

export class SessionStore {
  /** Oldest first. */
  private readonly summaries = new Map<string, SessionSummary>()
  /** Saved records not written yet, by id: get() answers from here until they are on disk. */
  private readonly unwritten = new Map<string, InboxSession>()
  /** Written records, by id. */
  private readonly places = new Map<string, Place>()
  /** Written records dropped since the last write: their delete lines go with the next one. */
  private readonly dropped = new Set<string>()
  /** Bytes and lines in the file. */
  private size = 0
  private lines = 0
  /** A write failed part way: the file may end in half a line, so rewrite it before the next. */
  private damaged = false
  /** The next write of the unwritten records, until it starts: later saves join it. */
  private nextWrite?: Promise<void>
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(
    private readonly dir: string,
    private readonly maxSessions: number,
  ) {}

  static async open(dataDir: string, maxSessions: number): Promise<SessionStore> {
    const store = new SessionStore(join(dataDir, SESSIONS_DIR), maxSessions)
    await mkdir(store.dir, { recursive: true, mode: 0o700 })
    await store.restore()
    return store
  }

  /** Newest first. */
  list(): SessionSummary[] {
    return [...this.summaries.values()].reverse()
  }

  async get(id: string): Promise<InboxSession | undefined> {
    if (!isId('ses', id) || !this.summaries.has(id)) return undefined
    // After the writes queued so far: a rewrite of the file moves every record.
    return this.unwritten.get(id) ?? this.serialized(() => this.read(id))
  }

  /**
   * Keeps an ended session at once; resolves once it is written, and the oldest
   * unreferenced sessions over the limit dropped. A record that cannot be written is dropped.
   */
  save(session: InboxSession, isKeptMessage: (id: string) => boolean): Promise<void> {
    this.summaries.set(session.id, summaryOf(session))
    this.unwritten.set(session.id, session)
    this.nextWrite ??= this.serialized(async () => {
      this.nextWrite = undefined
      await this.write(isKeptMessage)
    })
    return this.nextWrite
  }

  /** Drops the oldest sessions without a kept message beyond the limit. */
  pruned(isKeptMessage: (id: string) => boolean): Promise<void> {
    return this.serialized(() => this.write(isKeptMessage))
  }

  clear(): Promise<void> {
    return this.serialized(async () => {
      this.summaries.clear()
      this.unwritten.clear()
      this.dropped.clear()
      this.places.clear()
      await this.rewrite(new Map())
    })
  }

  idle(): Promise<void> {
    return this.serialized(async () => {})
  }

  private get path(): string {
    return join(this.dir, SESSIONS_FILE)
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => {})
    return run
  }

  /** Prunes, then appends every record saved so far and the deletions in one write. */
  private async write(isKeptMessage: (id: string) => boolean): Promise<void> {
    this.prune(isKeptMessage)
    const batch = [...this.unwritten.values()]
    if (batch.length === 0 && this.dropped.size === 0) return
    let written = false
    try {
      // After a failed write the file may end in half a line, where the next would start.
      if (this.damaged) await this.compact()
      written = await this.append(batch)
    } catch {
      this.damaged = true
    }
    for (const session of batch) {
      this.unwritten.delete(session.id)
      if (!written) this.summaries.delete(session.id)
    }
    if (this.lines - this.places.size > this.places.size + COMPACT_SLACK_LINES) await this.compact().catch(() => undefined)
  }

  /** In memory: the sessions to drop; written ones get a delete line with the next write. */
  private prune(isKeptMessage: (id: string) => boolean): void {
    // Sessions of kept messages do not count: they stay as long as their messages do.
    const unreferenced = [...this.summaries.values()].filter((summary) => !summary.messageIds.some(isKeptMessage))
    for (const summary of unreferenced.slice(0, Math.max(0, unreferenced.length - this.maxSessions))) {
      this.summaries.delete(summary.id)
      this.unwritten.delete(summary.id)
      if (this.places.delete(summary.id)) this.dropped.add(summary.id)
    }
  }

  /** The records' lines and the pending deletions, at the end of the file; true once written. */
  private async append(batch: InboxSession[]): Promise<boolean> {
    const places: Array<[string, Place]> = []
    let text = ''
    let offset = this.size
    for (const session of batch) {
      const line = putLine(session)
      const length = Buffer.byteLength(line)
      places.push([session.id, { offset, length }])
      offset += length
      text += line
    }
    for (const id of this.dropped) text += `${JSON.stringify({ delete: id })}\n`
    const lines = batch.length + this.dropped.size
    this.dropped.clear()
    const handle = await open(this.path, 'a', 0o600)
    try {
      await handle.write(text)
    } finally {
      await handle.close()
    }
    this.size += Buffer.byteLength(text)
    this.lines += lines
    for (const [id, place] of places) this.places.set(id, place)
    return true
  }

  private async read(id: string): Promise<InboxSession | undefined> {
    const place = this.places.get(id)
    if (!place) return this.unwritten.get(id)
    try {
      const handle = await open(this.path, 'r')
      try {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(place.length), 0, place.length, place.offset)
        return parsePut(buffer.subarray(0, bytesRead), id)
      } finally {
        await handle.close()
      }
    } catch {
      return undefined
    }
  }

  /**
   * The live records only, copied in file order through two buffers, 64 KiB read at a time:
   * read whole, the file (1.4 MB after 10,000 one-message sessions) and its copy raised the
   * peak RSS of those 10,000 by 5 MiB, and a read per record made each rewrite a second
   * long under load (issue 22). A record that cannot be read is dropped.
   */
  private async compact(): Promise<void> {
    const places = new Map<string, Place>()
    let size = 0
    const source = await open(this.path, 'r')
    try {
      await writeFileBehindWith(this.path, async (target) => {
        let block = Buffer.allocUnsafe(COPY_BUFFER_BYTES)
        let blockStart = 0
        let blockEnd = 0
        const out = Buffer.allocUnsafe(COPY_BUFFER_BYTES)
        let used = 0
        // Places follow the file's order: appended in turn, or laid out in turn by a rewrite.
        for (const [id, place] of [...this.places]) {
          const end = place.offset + place.length
          if (place.offset < blockStart || end > blockEnd) {
            if (place.length > block.length) block = Buffer.allocUnsafe(place.length)
            const { bytesRead } = await source.read(block, 0, block.length, place.offset)
            blockStart = place.offset
            blockEnd = place.offset + bytesRead
          }
          const line = block.subarray(place.offset - blockStart, end - blockStart)
          if (end > blockEnd || !isRecordLine(line, id)) {
            this.summaries.delete(id)
            continue
          }
          if (used + line.length > out.length && used > 0) {
            await target.write(out, 0, used)
            used = 0
          }
          if (line.length > out.length) await target.write(line)
          else used += line.copy(out, used)
          places.set(id, { offset: size, length: line.length })
          size += line.length
        }
        if (used > 0) await target.write(out, 0, used)
      })
    } finally {
      await source.close()
    }
    this.settle(places, size)
  }

  /** The file holds these lines, whole (temp file, then rename); none: no file. */
  private async rewrite(lines: Map<string, string>): Promise<void> {
    const places = new Map<string, Place>()
    let size = 0
    for (const [id, line] of lines) {
      const length = Buffer.byteLength(line)
      places.set(id, { offset: size, length })
      size += length
    }
    if (lines.size > 0) await writeFileBehind(this.path, [...lines.values()].join(''))
    else await rm(this.path, { force: true })
    this.settle(places, size)
  }

  /** After a rewrite: where each record now is. */
  private settle(places: Map<string, Place>, size: number): void {
    this.places.clear()
    for (const [id, place] of places) this.places.set(id, place)
    this.size = size
    this.lines = places.size
    this.dropped.clear()
    this.damaged = false
  }

  /**
   * Reads the file (or, in a folder from before it, the `<id>.json` file of each session),
   * writes it again with the live records only, and deletes everything else in the folder:
   * the files it was made from, leftovers of a crash.
   */
  private async restore(): Promise<void> {
    const text = await readFile(this.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined
      throw error
    })
    const lines = new Map<string, string>()
    const names = (await readdir(this.dir)).sort()
    if (text !== undefined) {
      for (const line of text.split('\n')) {
        const session = line ? parsePut(line) : undefined
        const deleted = session || !line ? undefined : parseDelete(line)
        if (session) {
          this.summaries.delete(session.id)
          this.summaries.set(session.id, summaryOf(session))
          lines.delete(session.id)
          lines.set(session.id, `${line}\n`)
        } else if (deleted !== undefined) {
          this.summaries.delete(deleted)
          lines.delete(deleted)
        }
      }
    } else {
      for (const name of names) {
        const id = name.slice(0, -'.json'.length)
        if (!name.endsWith('.json') || !isId('ses', id)) continue
        const session = parseJson(await readFile(join(this.dir, name), 'utf8').catch(() => ''))
        if (!isSession(session, id)) continue
        this.summaries.set(id, summaryOf(session))
        lines.set(id, putLine(session))
      }
    }
    await this.rewrite(lines)
    // The records imported above, and leftovers of a crash.
    for (const name of names) {
      if (isTempFileName(name) || name.endsWith('.json')) await rm(join(this.dir, name), { force: true })
    }
  }
}
