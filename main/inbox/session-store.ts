// Ended sessions on disk (`sessions/<id>.json`), so a kept message can always show the
// session that delivered it, after a restart too. Bounded: sessions that no kept message
// refers to are kept up to maxSessions, oldest out first. Written whole but behind (no
// fsync, write-behind.ts): a record is written when its session ends, so a crash loses
// the records of open sessions anyway, and no 250 waits for one. A record is kept the
// moment it is saved (get finds it while it is written), and the records saved meanwhile
// are written together: one at a time, ten clients ending their sessions at once made a
// queue that held thousands of ended sessions (and their sockets) under load (issue 22).
import { mkdir, readFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { isTempFileName } from '../storage/atomic-file'
import { isId } from './ids'
import type { InboxSession, SessionSummary } from './types'
import { writeFileBehind } from './write-behind'

export const SESSIONS_DIR = 'sessions'

function isSession(value: unknown, id: string): value is InboxSession {
  const session = value as InboxSession
  return (
    typeof session === 'object' &&
    session !== null &&
    session.id === id &&
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

export class SessionStore {
  /** Oldest first. */
  private readonly summaries = new Map<string, SessionSummary>()
  /** Saved records not written yet, by id: get() answers from here until they are on disk. */
  private readonly unwritten = new Map<string, InboxSession>()
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
    return this.unwritten.get(id) ?? this.read(id)
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
      await this.writeUnwritten(isKeptMessage)
    })
    return this.nextWrite
  }

  /** Drops the oldest sessions without a kept message beyond the limit. */
  pruned(isKeptMessage: (id: string) => boolean): Promise<void> {
    return this.serialized(() => this.prune(isKeptMessage))
  }

  clear(): Promise<void> {
    return this.serialized(async () => {
      for (const id of [...this.summaries.keys()]) {
        this.unwritten.delete(id)
        await rm(this.path(id), { force: true })
        this.summaries.delete(id)
      }
    })
  }

  idle(): Promise<void> {
    return this.serialized(async () => {})
  }

  private path(id: string): string {
    return join(this.dir, `${id}.json`)
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => {})
    return run
  }

  /** Writes every record saved so far, side by side, then prunes once for all of them. */
  private async writeUnwritten(isKeptMessage: (id: string) => boolean): Promise<void> {
    const batch = [...this.unwritten.values()]
    await Promise.all(
      batch.map(async (session) => {
        const written = await writeFileBehind(this.path(session.id), JSON.stringify(session)).then(
          () => true,
          () => false,
        )
        // A record cleared or pruned meanwhile is no longer wanted; one not written is lost.
        if (this.unwritten.get(session.id) !== session) return
        this.unwritten.delete(session.id)
        if (!written) this.summaries.delete(session.id)
      }),
    )
    await this.prune(isKeptMessage)
  }

  private async prune(isKeptMessage: (id: string) => boolean): Promise<void> {
    // Sessions of kept messages do not count: they stay as long as their messages do.
    const unreferenced = [...this.summaries.values()].filter((summary) => !summary.messageIds.some(isKeptMessage))
    const dropped = unreferenced.slice(0, Math.max(0, unreferenced.length - this.maxSessions))
    for (const summary of dropped) {
      this.summaries.delete(summary.id)
      this.unwritten.delete(summary.id)
    }
    // Not written yet: its write (in a later batch) is skipped, as it is no longer unwritten.
    await Promise.all(dropped.map((summary) => rm(this.path(summary.id), { force: true })))
  }

  private async read(id: string): Promise<InboxSession | undefined> {
    try {
      const value: unknown = JSON.parse(await readFile(this.path(id), 'utf8'))
      return isSession(value, id) ? value : undefined
    } catch {
      return undefined
    }
  }

  private async restore(): Promise<void> {
    for (const name of (await readdir(this.dir)).sort()) {
      const id = name.slice(0, -'.json'.length)
      const session = name.endsWith('.json') && isId('ses', id) ? await this.read(id) : undefined
      if (session) this.summaries.set(id, summaryOf(session))
      else if (isTempFileName(name) || name.endsWith('.json')) await rm(join(this.dir, name), { force: true })
    }
  }
}
