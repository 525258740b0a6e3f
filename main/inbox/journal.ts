// The list of kept messages as an append-only journal: one JSON line per change,
// {"put": value}, {"delete": id} or {"clear": true}. Group commit: changes that arrive
// while a batch is being written wait for the next one, and each batch is one write, one
// fdatasync of the journal and one fsync of its folder (which also makes the names of the
// message files created since the last batch durable). Ten clients delivering at once
// share those, where each message used to pay seven fsyncs of its own (issue 22).
//
// A crash can cut the last line short; reading skips any line that does not parse, and
// opening rewrites the journal with the live entries only, so a cut line never has a
// later line appended to it. Dead lines (deleted or replaced entries) are rewritten away
// once there are more of them than live ones.
import { open, readFile, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { writeFileAtomic } from '../storage/atomic-file'

/** Dead lines tolerated beyond the live count before the journal is rewritten. */
const COMPACT_SLACK_LINES = 100

type Change = { put: { id: string } } | { delete: string } | { clear: true }

interface Queued {
  line: string
  change: Change
  resolve: () => void
  reject: (error: Error) => void
}

/** fsync a folder, so the names created in it survive a crash of the machine (POSIX only). */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

function parseChange(line: string): Change | undefined {
  try {
    const value = JSON.parse(line) as Record<string, unknown>
    if (typeof value !== 'object' || value === null) return undefined
    if (typeof value['delete'] === 'string') return { delete: value['delete'] }
    if (value['clear'] === true) return { clear: true }
    const put = value['put'] as { id?: unknown } | undefined
    if (typeof put === 'object' && put !== null && typeof put.id === 'string') return { put: put as { id: string } }
  } catch {
    // A line cut short by a crash: skipped.
  }
  return undefined
}

export class Journal<T extends { id: string }> {
  /** Each live entry's line, in the order they were put. */
  private readonly live = new Map<string, string>()
  /** Lines in the file. */
  private lines = 0
  private queue: Queued[] = []
  private draining?: Promise<void>
  /** A write failed part way: the file may end in half a line, so rewrite it whole. */
  private damaged = false

  private constructor(private readonly path: string) {}

  /**
   * Reads the journal (missing: empty), rewrites it clean, and returns its live values in
   * order; `existed` tells a folder that had a journal (or an empty one) from one before it.
   */
  static async open<T extends { id: string }>(
    path: string,
    isValue: (value: unknown) => value is T,
  ): Promise<{ journal: Journal<T>; values: T[]; existed: boolean }> {
    const journal = new Journal<T>(path)
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined
      throw error
    })
    const values = new Map<string, T>()
    for (const line of (text ?? '').split('\n')) {
      const change = line ? parseChange(line) : undefined
      if (!change) continue
      if ('clear' in change) {
        values.clear()
        journal.live.clear()
      } else if ('delete' in change) {
        values.delete(change.delete)
        journal.live.delete(change.delete)
      } else if (isValue(change.put)) {
        values.delete(change.put.id)
        values.set(change.put.id, change.put)
        journal.live.delete(change.put.id)
        journal.live.set(change.put.id, `${line}\n`)
      }
    }
    await journal.rewrite()
    return { journal, values: [...values.values()], existed: text !== undefined }
  }

  has(id: string): boolean {
    return this.live.has(id)
  }

  /** Adds or replaces an entry; resolves once it is on disk (fdatasync). */
  put(value: T): Promise<void> {
    return this.enqueue({ put: value })
  }

  /** Drops an entry; resolves once that is on disk. */
  delete(id: string): Promise<void> {
    return this.enqueue({ delete: id })
  }

  /** Drops every entry; resolves once that is on disk. */
  clear(): Promise<void> {
    return this.enqueue({ clear: true })
  }

  /** Resolves once every change queued so far is written. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining
  }

  private enqueue(change: Change): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line: `${JSON.stringify(change)}\n`, change, resolve, reject })
      this.draining ??= this.drain()
    })
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0)
      try {
        if (this.damaged) await this.rewrite()
        await this.append(batch.map((queued) => queued.line).join(''))
      } catch (error) {
        this.damaged = true
        for (const queued of batch) queued.reject(error as Error)
        continue
      }
      for (const queued of batch) this.apply(queued)
      // Atomic: when a rewrite fails the longer journal stays, and a later batch tries again.
      // After a clear, before its caller goes on: an emptied inbox leaves an empty folder.
      const cleared = batch.some((queued) => 'clear' in queued.change)
      if (cleared) await this.rewrite().catch(() => undefined)
      for (const queued of batch) queued.resolve()
      if (this.lines - this.live.size > this.live.size + COMPACT_SLACK_LINES) await this.rewrite().catch(() => undefined)
    }
    this.draining = undefined
  }

  private apply({ line, change }: Queued): void {
    this.lines++
    if ('clear' in change) this.live.clear()
    else if ('delete' in change) this.live.delete(change.delete)
    else {
      this.live.delete(change.put.id)
      this.live.set(change.put.id, line)
    }
  }

  private async append(text: string): Promise<void> {
    const handle = await open(this.path, 'a', 0o600)
    try {
      await handle.write(text)
      await handle.datasync()
    } finally {
      await handle.close()
    }
    await syncFolder(dirname(this.path))
  }

  /**
   * The live entries only, atomically (temp file, fsync, rename, fsync of the folder). No
   * entries, no file: an emptied inbox leaves an empty folder, as it did before the journal.
   */
  private async rewrite(): Promise<void> {
    if (this.live.size > 0) await writeFileAtomic(this.path, [...this.live.values()].join(''))
    else {
      await rm(this.path, { force: true })
      await syncFolder(dirname(this.path))
    }
    this.lines = this.live.size
    this.damaged = false
  }
}
