// The one way Mailwire writes its files (app services and the local inbox alike): a temp file in the same folder, fsync, rename.
// A crash (or a kill) mid-write leaves the previous version intact plus, at worst, a
// stray temp file that the next start removes. Writes to one path run one at a time, so
// an older save can never land after a newer one.
import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, readdir, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

const TEMP_SUFFIX = '.tmp'
/** Windows refuses to replace a file another process (an antivirus, an indexer) holds open. */
const RENAME_RETRIES = 5
const RENAME_RETRY_DELAY_MS = 50

const queues = new Map<string, Promise<unknown>>()
/** Temp files being written right now by this process: never "stale". */
const activeTemps = new Set<string>()

/** Whether a file name is one of our temp files (for cleanup and folder listings). */
export const isTempFileName = (name: string): boolean => name.startsWith('.') && name.endsWith(TEMP_SUFFIX)

/** Temp files are hidden, named after their target, and unique per write. */
function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`)
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to)
      return
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const transient = process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES' || code === 'EBUSY')
      if (!transient || attempt >= RENAME_RETRIES) throw error
      await new Promise((resolve) => setTimeout(resolve, RENAME_RETRY_DELAY_MS))
    }
  }
}

/** Make the rename itself durable: fsync the folder (POSIX only; Windows cannot open one). */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function writeNow(path: string, data: string | Uint8Array, mode: number): Promise<number> {
  const folder = dirname(path)
  await mkdir(folder, { recursive: true })
  const temp = tempPathFor(path)
  activeTemps.add(temp)
  try {
    await writeTemp(temp, path, data, mode)
  } finally {
    activeTemps.delete(temp)
  }
  await syncFolder(folder)
  return typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength
}

async function writeTemp(temp: string, path: string, data: string | Uint8Array, mode: number): Promise<void> {
  const handle = await open(temp, 'wx', mode)
  try {
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await renameWithRetry(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
}

/**
 * Replace `path` with `data` atomically; resolves to the bytes written. Files are private
 * to the user by default (mode 0600 on POSIX): drafts, profiles, history and captured
 * mail are nobody else's business.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<number> {
  const previous = queues.get(path) ?? Promise.resolve()
  const write = previous.catch(() => undefined).then(() => writeNow(path, data, mode))
  queues.set(path, write)
  const forget = () => {
    if (queues.get(path) === write) queues.delete(path)
  }
  write.then(forget, forget)
  return write
}

export function writeJsonAtomic(path: string, value: unknown): Promise<number> {
  return writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`)
}

/** Resolves once every write queued so far (to any path) has finished. */
export async function settleWrites(): Promise<void> {
  while (queues.size > 0) await Promise.allSettled([...queues.values()])
}

/** The file's bytes, or null when it does not exist. */
export async function readFileIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

export type JsonRead<T> = { state: 'missing' } | { state: 'ok'; value: T } | { state: 'corrupt'; error: Error }

/**
 * Read a JSON file. A corrupt file (which atomic writes never produce, but a user or
 * another program might) is reported, not thrown, so the caller can keep a copy of it.
 */
export async function readJsonFile<T = unknown>(path: string): Promise<JsonRead<T>> {
  const bytes = await readFileIfExists(path)
  if (bytes === null) return { state: 'missing' }
  try {
    return { state: 'ok', value: JSON.parse(bytes.toString('utf8')) as T }
  } catch (error) {
    return { state: 'corrupt', error: error as Error }
  }
}

/** Remove temp files a crashed write left in `folder`. Returns the names removed. */
export async function removeStaleTempFiles(folder: string): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(folder)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const stale = names.filter((name) => isTempFileName(name) && !activeTemps.has(join(folder, name)))
  await Promise.all(stale.map((name) => unlink(join(folder, name)).catch(() => undefined)))
  return stale
}

