// `mailwire inbox`: the local test inbox, headless, in the foreground. It says where it
// listens and which certificate to trust, prints each message as it arrives, and stops
// cleanly on Ctrl-C or SIGTERM (index.ts turns both into io.signal).
import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { palette, shouldUseColor } from '../report/colors'
import { safeJson, safeText } from '../report/safe-text'
// The CLI embeds the same capture server as the app (pure Node, no electron behind it),
// loaded by runInbox once V8 is told to favour memory.
import type { LocalInbox } from '../inbox/index'
import type { InboxArgs } from './arg-types'
import { defaultInboxDataDir } from './data-dir'
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK } from './exit-codes'
import { describeFaults } from './fault-flags'
import { formatArrival, formatEmptySession } from './format-inbox'
import { formatAuthentication } from './format-authentication'
import type { CliIo } from './io'
import { ttyOf } from './io'
import { hostPort, isLoopback } from './listen-address'
import type { SendOutcome } from './send'

/** The certificate alone (the inbox keeps its key next to it): what a client is told to trust. */
export const CA_FILE = 'inbox-ca.pem'

/** Why the inbox could not start, and whose fault that is (exit 2: the folder given; 3: the port). */
function startFailure(error: unknown, where: string, dataDir: string): SendOutcome {
  const failure = error as NodeJS.ErrnoException
  if (failure.syscall === 'listen' || failure.code === 'EADDRINUSE' || failure.code === 'EADDRNOTAVAIL') {
    const why =
      failure.code === 'EADDRINUSE'
        ? 'the port is in use (leave out --port for a free one)'
        : failure.code === 'EACCES'
          ? 'permission denied (ports below 1024 need privileges)'
          : failure.code === 'EADDRNOTAVAIL'
            ? 'no such address on this machine'
            : failure.message
    return { exitCode: EXIT_FAILURE, reason: `cannot listen on ${where}: ${why}` }
  }
  if (failure.path !== undefined || failure.code === 'EACCES' || failure.code === 'ENOTDIR' || failure.code === 'EROFS') {
    return { exitCode: EXIT_BAD_INPUT, reason: `cannot use the data folder ${dataDir}: ${failure.message}` }
  }
  return { exitCode: EXIT_FAILURE, reason: `the local inbox could not start: ${failure.message ?? String(error)}` }
}

function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  // Without a signal (an embedding that never stops it) the inbox runs until the process ends.
  if (!signal) return new Promise(() => {})
  if (signal.aborted) return Promise.resolve()
  return new Promise((done) => signal.addEventListener('abort', () => done(), { once: true }))
}

interface Listening {
  inbox: LocalInbox
  caPath: string
  kept: number
}

function banner({ inbox, caPath, kept }: Listening, color: boolean): string {
  const colors = palette(color)
  const where = hostPort(inbox.host, inbox.port)
  const clientHost = isLoopback(inbox.host) ? where : hostPort('127.0.0.1', inbox.port)
  return [
    colors.bold(`Mailwire local test inbox listening on ${where}`),
    `  STARTTLS certificate: ${caPath}`,
    `    sha256 ${inbox.certificateFingerprint}`,
    '    (self-signed, for localhost, 127.0.0.1 and ::1: trust this file as the CA, e.g. --ca)',
    '  AUTH: any user name and password are accepted as test credentials; the password is never kept',
    `  Faults: ${describeFaults(inbox.faults())}`,
    `  Data folder: ${inbox.dataDir} (${kept === 0 ? 'empty' : `${kept} message${kept === 1 ? '' : 's'} kept from earlier runs`})`,
    '',
    'Send it a message:',
    `  mailwire send --server ${clientHost} --ca '${caPath}' --from you@mailwire.test --to inbox@mailwire.test --subject Hello --body 'Hi'`,
    '',
    colors.dim('Waiting for messages (Ctrl-C to stop):'),
    '',
  ].join('\n')
}

function listeningJson({ inbox, caPath, kept }: Listening): string {
  return safeJson({
    event: 'listening',
    host: inbox.host,
    port: inbox.port,
    caPath,
    certificateFingerprint: inbox.certificateFingerprint,
    dataDir: inbox.dataDir,
    faults: inbox.faults(),
    keptMessages: kept,
  })
}

/**
 * Lines written together once per turn of the event loop. stdout to a pipe is synchronous:
 * under load (hundreds of arrivals a second) one write per line cost more than keeping
 * the message did.
 */
function lineBatcher(stream: CliIo['stdout']): { write(text: string): void; flush(): void } {
  let pending: string[] = []
  let scheduled = false
  const flush = (): void => {
    scheduled = false
    if (pending.length === 0) return
    const text = pending.join('')
    pending = []
    stream.write(text)
  }
  return {
    write(text) {
      pending.push(text)
      if (!scheduled) {
        scheduled = true
        setImmediate(flush)
      }
    },
    flush,
  }
}

/**
 * `mailwire inbox` runs for hours holding little (its live heap stays near 30 MiB however
 * many messages arrive), but V8's defaults favour speed: the young generation grows to
 * 32 MiB and the old one to several times what is live before a full collection, which
 * made its peak RSS 115 MiB after 1,000 messages and 181 MiB after 10,000 (issue 22).
 * V8 reads both flags as it runs, so they apply from here on: young generation kept at
 * its first size, old one grown by less. Measured: 94 MiB after 1,000, 96 after 10,000.
 * The heap was sized at start; NODE_OPTIONS or a second process would only add to it.
 */
function favourMemoryOverSpeed(): void {
  setFlagsFromString('--optimize-for-size')
  setFlagsFromString('--semi-space-growth-factor=1')
}

export async function runInbox(args: InboxArgs, io: CliIo): Promise<SendOutcome> {
  favourMemoryOverSpeed()
  // Loaded after the flags are set, so the young generation never grows while they load.
  const [{ startLocalInbox }, { authChecker }] = await Promise.all([import('../inbox/index'), import('./inbox-auth')])
  const dataDir = resolve(args.dataDir ?? defaultInboxDataDir(io.env))
  const color = !args.json && shouldUseColor({ isTTY: ttyOf(io).stdout, env: io.env })
  let inbox: LocalInbox
  try {
    inbox = await startLocalInbox({
      dataDir,
      host: args.host,
      port: args.port,
      faults: args.faults,
      ...(args.maxClients !== undefined ? { limits: { maxClients: args.maxClients } } : {}),
    })
  } catch (error) {
    return startFailure(error, hostPort(args.host, args.port), dataDir)
  }
  const unsubscribe: Array<() => void> = []
  let stopChecks = async (): Promise<void> => {}
  try {
    const caPath = join(dataDir, CA_FILE)
    await writeFile(caPath, inbox.caPem, { mode: 0o644 })
    if (!isLoopback(inbox.host)) {
      io.stderr.write(
        `mailwire: warning: listening on ${safeText(inbox.host)}, not only on this machine: anyone who can reach port ${inbox.port} can send mail here with any user name and password (and the certificate is valid for localhost only)\n`,
      )
    }
    const listening = { inbox, caPath, kept: inbox.messages().length }
    io.stdout.write(args.json ? `${listeningJson(listening)}\n` : banner(listening, color))
    const out = lineBatcher(io.stdout)
    unsubscribe.push(out.flush)
    const authentication = authChecker(inbox, args.dnsServers ?? [], (id, report) => {
      out.write(args.json ? `${safeJson({ event: 'authentication', id, report })}\n` : `${formatAuthentication(id, report, { color })}\n`)
    })
    stopChecks = () => authentication.stop()
    unsubscribe.push(
      inbox.onMessage((message) => {
        out.write(args.json ? `${safeJson({ event: 'message', message })}\n` : `${formatArrival(message, { color })}\n`)
        authentication.check(message.id)
      }),
      inbox.onSession((session) => {
        if (session.messageIds.length > 0) return
        const { events: _events, ...summary } = session
        out.write(args.json ? `${safeJson({ event: 'session', session: summary })}\n` : `${formatEmptySession(session, { color })}\n`)
      }),
    )
    await untilAborted(io.signal)
  } finally {
    await stopChecks()
    await inbox.stop()
    for (const stop of unsubscribe) stop()
  }
  io.stdout.write(args.json ? `${safeJson({ event: 'stopped' })}\n` : `\nStopped; the messages stay in ${inbox.dataDir}.\n`)
  return { exitCode: EXIT_OK }
}
