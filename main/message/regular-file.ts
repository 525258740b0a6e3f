// Files named by the user are opened without waiting and read only when they are regular
// files of a bounded size. A plain open() of a FIFO waits for a writer, and while a sync
// open or read waits no signal handler runs (Ctrl-C did nothing); /dev/zero never ends.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs'
import { Readable } from 'node:stream'
import { isAscii } from 'node:buffer'
import { open, type FileHandle } from 'node:fs/promises'

/**
 * O_NONBLOCK makes open() of a FIFO return at once, writer or not, so its type can be seen
 * and refused; on a regular file it changes nothing. Windows has neither the flag nor FIFOs.
 */
const READ_WITHOUT_WAITING = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/** What a path that is not a regular file is: "a FIFO", "a character device", "a directory"… */
export function fileTypeOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory'
  if (stats.isFIFO()) return 'a FIFO'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  if (stats.isSocket()) return 'a socket'
  return 'not a regular file'
}

/** Refused for what the file is or how big it is; the message completes "cannot read PATH: …". */
export class UnreadableFileError extends Error {
  readonly code = 'EUNREADABLE'
}

const notRegular = (stats: Stats) => new UnreadableFileError(`it is ${fileTypeOf(stats)}, not a regular file`)

export function tooLargeError(maxBytes: number): UnreadableFileError {
  return new UnreadableFileError(`it is larger than ${formatCap(maxBytes)}, the most this file may be`)
}

/** 33554432 → "32 MiB". */
export function formatCap(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'] as const
  let value = bytes
  let unit = 0
  while (value >= 1024 && value % 1024 === 0 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value} ${units[unit]}`
}

/** The whole file, at most `maxBytes`; an UnreadableFileError for anything but a regular file. */
export function readRegularFileSync(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, READ_WITHOUT_WAITING)
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw notRegular(stats)
    if (stats.size > maxBytes) throw tooLargeError(maxBytes)
    // One byte more than it has: a file that grows while it is read is caught, not followed.
    const buffer = Buffer.allocUnsafe(stats.size + 1)
    let filled = 0
    for (;;) {
      const read = readSync(fd, buffer, filled, buffer.length - filled, null)
      filled += read
      if (read === 0 || filled === buffer.length) break
    }
    if (filled !== stats.size) throw new UnreadableFileError('it changed while it was read')
    return buffer.subarray(0, filled)
  } finally {
    closeSync(fd)
  }
}

/** The file opened for reading, with its stats; an UnreadableFileError unless it is a regular file of at most `maxBytes`. */
export async function openRegularFile(path: string, maxBytes: number): Promise<{ handle: FileHandle; stats: Stats }> {
  const handle = await open(path, READ_WITHOUT_WAITING)
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) throw notRegular(stats)
    if (stats.size > maxBytes) throw tooLargeError(maxBytes)
    return { handle, stats }
  } catch (error) {
    await handle.close()
    throw error
  }
}

/** A file as an inspection pass saw it: the send refuses it when it changed since. */
export interface InspectedFile {
  path: string
  identity: { fileBytes: number; mtimeMs: number; skip: number }
  /** The inspection found only ASCII: an encoding or BODY= was chosen on that, so it must still hold. */
  ascii: boolean
}

/**
 * The inspected file again, in chunks of `chunkBytes` read into two buffers in turn: each
 * chunk is valid until the one after the next is asked for (MessageSource.open; fresh
 * buffers for 100 MB cost more in page faults than the send). Throws when the file changed
 * since its inspection (size or time, grew, shrank, or 8-bit content where none was found),
 * so the send ends without its last bytes.
 */
export async function* readInspectedFile(file: InspectedFile, maxBytes: number, chunkBytes: number): AsyncGenerator<Buffer> {
  const { path, identity } = file
  // Opened as checked again: the path may have been swapped for a FIFO since.
  const { handle, stats } = await openRegularFile(path, maxBytes)
  try {
    if (stats.size !== identity.fileBytes || stats.mtimeMs !== identity.mtimeMs) throw changed(path, 'its size or time is not the same')
    const buffers = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)] as const
    let position = identity.skip
    for (let turn = 0; ; turn = 1 - turn) {
      const chunk = readAt(handle, buffers[turn]!, position)
      if (chunk.length === 0) break
      position += chunk.length
      if (position > identity.fileBytes) throw changed(path, 'it grew')
      if (file.ascii && !isAscii(chunk)) throw changed(path, 'it now has 8-bit content')
      yield chunk
    }
    if (position !== identity.fileBytes) throw changed(path, 'it shrank')
  } finally {
    await handle.close()
  }
}

function changed(path: string, how: string): Error {
  return new Error(`${path} changed after it was checked (${how}); not sending it`)
}

/**
 * Up to `buffer.length` bytes at `position`, read synchronously. Only for a file opened with
 * openRegularFile: a regular file's read never waits on a writer, so it is short, and here it
 * is far cheaper than the same read made asynchronously (on the thread pool or io_uring, with
 * a promise per read): 50 MB took 7 ms of CPU in 1 MiB reads this way, 58 ms through a 1 MiB
 * stream and 175 ms through fs.createReadStream's 64 KiB chunks (issue 18's attachment path
 * spent a third of its CPU there).
 */
export function readAt(handle: FileHandle, buffer: Buffer, position: number): Buffer {
  return buffer.subarray(0, readSync(handle.fd, buffer, 0, buffer.length, position))
}

/** Reads between two breaks of a long synchronous pass (16 MiB of 1 MiB reads). */
const READS_BETWEEN_BREAKS = 16

/**
 * A pass of synchronous reads over a big file gives other work its turn (a Ctrl-C handler,
 * the app's IPC) every READS_BETWEEN_BREAKS reads: `await breakAfter(++reads)`.
 */
export function breakAfter(reads: number): Promise<void> | undefined {
  return reads % READS_BETWEEN_BREAKS === 0 ? new Promise((resolve) => setImmediate(resolve)) : undefined
}

/**
 * How much a regular-file stream reads at a time, each into a fresh buffer the consumer may
 * keep. 64 KiB: the base64 text of a bigger chunk (base64-lines.ts) is a string big enough for
 * V8's large-object space, which only a full collection frees; with 256 KiB a 50 MB
 * attachment's send peaked at 102 MiB, over issue 18's 100 MiB, against 71 MiB.
 */
const STREAM_CHUNK_BYTES = 64 * 1024

/**
 * A regular file of at most `maxBytes` as a stream, opened on the first read (a stream made
 * and never read holds no descriptor), read with readAt into fresh buffers, as the consumer
 * may hold each chunk. Errors as openRegularFile's: a FIFO or a device is refused, not waited on.
 */
export function regularFileStream(path: string, maxBytes: number): Readable {
  let opened: { handle: FileHandle } | undefined
  let position = 0
  return new Readable({
    highWaterMark: STREAM_CHUNK_BYTES,
    read() {
      const next = async () => {
        if (!opened) {
          const file = await openRegularFile(path, maxBytes)
          // Destroyed while the file was opening: nothing will close it later.
          if (this.destroyed) return void (await file.handle.close())
          opened = file
        }
        const chunk = readAt(opened.handle, Buffer.allocUnsafe(STREAM_CHUNK_BYTES), position)
        position += chunk.length
        // A file that grows while it is read is not followed past the bound.
        if (position > maxBytes) throw tooLargeError(maxBytes)
        this.push(chunk.length > 0 ? chunk : null)
      }
      next().catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error)
        // Said as fs says it for a missing file: what the path is, not only what is wrong.
        this.destroy(error instanceof UnreadableFileError ? new UnreadableFileError(`cannot read ${path}: ${why}`) : (error as Error))
      })
    },
    destroy(error, callback) {
      const handle = opened?.handle
      opened = undefined
      if (!handle) return callback(error)
      handle.close().then(
        () => callback(error),
        () => callback(error),
      )
    },
  })
}
