// `mailwire diff A.json B.json`: two session files (send or probe --json, the app's export)
// compared step by step. Exit 0 when only the timing differs, 1 when the outcome or a reply
// differs, 2 when a file cannot be read or is not a session file.
// `mailwire diff sent.eml arrived.eml`: a message as sent against the message as it arrived
// (report/message-diff.ts, as the app's Sent vs arrived). Exit 0 when only line endings or
// folding differ, 1 when a header or the body does.
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { shouldUseColor } from '../report/colors'
import { formatDiff } from '../report/format-diff'
import { safeJson } from '../report/safe-text'
import { compareSessions } from '../report/session-diff'
import { compareMessages } from '../report/message-diff'
import { formatMessageDiff, messagesDiffer } from '../report/format-message-diff'
import type { SessionDocument } from '../report/session-document'
import { readSessionDocument } from '../report/session-reader'
import type { DiffArgs } from './arg-types'
import { EXIT_OK, EXIT_REFUSED } from './exit-codes'
import { InputError } from './input-error'
import { ttyOf, type CliIo } from './io'
import type { SendOutcome } from './send'

/** Session files are JSON text; a bigger one is not ours (a transcript keeps 100,000 events at most). */
const MAX_SESSION_FILE_BYTES = 256 * 1024 * 1024

async function readSessionFile(path: string): Promise<SessionDocument> {
  let text: string
  try {
    const bytes = await readFile(path)
    if (bytes.length > MAX_SESSION_FILE_BYTES) throw new InputError(`${path} is larger than a session file can be`)
    text = bytes.toString('utf8')
  } catch (error) {
    if (error instanceof InputError) throw error
    throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  const read = readSessionDocument(text, path)
  if (!read.ok) throw new InputError(read.error)
  return read.document
}

const isEml = (path: string) => /\.eml$/i.test(path)

async function readMessageFile(path: string): Promise<Buffer> {
  try {
    const bytes = await readFile(path)
    if (bytes.length > MAX_SESSION_FILE_BYTES) throw new InputError(`${path} is larger than a message mailwire compares`)
    return bytes
  } catch (error) {
    if (error instanceof InputError) throw error
    throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
}

async function runMessageDiff(args: DiffArgs, io: CliIo): Promise<SendOutcome> {
  const [sent, arrived] = await Promise.all([readMessageFile(args.a), readMessageFile(args.b)])
  const comparison = compareMessages(sent, arrived)
  if (args.json) io.stdout.write(`${safeJson(comparison, 2)}\n`)
  else {
    const color = shouldUseColor({ isTTY: ttyOf(io).stdout, env: io.env })
    io.stdout.write(formatMessageDiff(comparison, { color, names: { a: basename(args.a), b: basename(args.b) } }))
  }
  return { exitCode: messagesDiffer(comparison) ? EXIT_REFUSED : EXIT_OK }
}

export async function runDiff(args: DiffArgs, io: CliIo): Promise<SendOutcome> {
  if (isEml(args.a) !== isEml(args.b)) throw new InputError('mailwire diff compares two session files or two messages (.eml), not one of each')
  if (isEml(args.a)) return runMessageDiff(args, io)
  const [a, b] = await Promise.all([readSessionFile(args.a), readSessionFile(args.b)])
  const comparison = compareSessions(a, b)
  if (args.json) io.stdout.write(`${safeJson(comparison, 2)}\n`)
  else {
    const color = shouldUseColor({ isTTY: ttyOf(io).stdout, env: io.env })
    io.stdout.write(formatDiff(comparison, { color, names: { a: basename(args.a), b: basename(args.b) } }))
  }
  return { exitCode: comparison.same ? EXIT_OK : EXIT_REFUSED }
}
