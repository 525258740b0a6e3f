// `mailwire send --local`: a temporary local test inbox (its own folder, removed after),
// one send to it over STARTTLS verified against the inbox's own certificate, and then both
// ends of that session: our transcript, the inbox's record of it, and what it received.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { palette, shouldUseColor } from '../report/colors'
import { safeJson } from '../report/safe-text'
// The CLI embeds the same capture server as the app: pure Node, no electron behind it.
import { startLocalInbox, type InboxSession, type LocalInbox, type StoredMessage } from '../inbox/index'
import type { LocalSendArgs } from './arg-types'
import { EXIT_FAILURE } from './exit-codes'
import { describeFaults } from './fault-flags'
import { formatInboxSession, formatReceived, INBOX_MARKERS } from './format-inbox'
import { ttyOf, type CliIo } from './io'
import { hostPort } from './listen-address'
import { connectionOptions, credentialsFor, deliver, sessionDocumentOf, formatSendResult, prepareMessage, type SendOutcome, type SendRun } from './send'

/** What the inbox saw, for --json: its session record and the message it kept (null when none). */
export interface InboxSide {
  session: InboxSession | null
  message: StoredMessage | null
}

/** Read once the inbox has stopped: every session is then ended and its record written. */
async function inboxSide(inbox: LocalInbox): Promise<InboxSide> {
  // A fresh inbox for one send: its only session is ours (sessions() lists newest first).
  const summary = inbox.sessions().at(-1)
  const session = summary ? ((await inbox.session(summary.id)) ?? null) : null
  const messageId = session?.messageIds[0]
  const message = messageId ? ((await inbox.get(messageId)) ?? null) : null
  return { session, message }
}

function heading(text: string, color: boolean): string {
  return `${palette(color).bold(text)}\n`
}

function formatInboxSide(side: InboxSide, run: SendRun): string {
  const color = run.output.color
  const colors = palette(color)
  const parts: string[] = []
  if (side.session) {
    const { client } = side.session
    parts.push(
      heading(`The same session as the inbox (the server) saw it: ${side.session.id}, client ${hostPort(client.address, client.port)}`, color),
      colors.dim(
        `  ${INBOX_MARKERS.received} received from Mailwire, ${INBOX_MARKERS.sent} sent by the inbox (${INBOX_MARKERS.secureReceived} ${INBOX_MARKERS.secureSent} inside TLS), ${INBOX_MARKERS.note} the inbox's notes; times since the client connected\n`,
      ),
      formatInboxSession(side.session, { color }),
    )
  } else {
    parts.push(colors.dim('The inbox recorded no session (nothing reached it).\n'))
  }
  parts.push('\n', side.message ? formatReceived(side.message, run.result.dataBytes, { color }) : 'The inbox kept no message from this session.\n')
  return parts.join('')
}

export async function runLocalSend(args: LocalSendArgs, io: CliIo): Promise<SendOutcome> {
  // Everything that can be wrong with the input is found before the inbox starts.
  const prepared = { ...(await prepareMessage(args, io)), ...(await credentialsFor(args, 'the local test inbox', io)) }
  const dataDir = await mkdtemp(join(tmpdir(), 'mailwire-send-local-'))
  try {
    let inbox: LocalInbox
    try {
      // With --tls none --allow-plaintext-auth the user asked for AUTH in cleartext: let the inbox take it.
      inbox = await startLocalInbox({ dataDir, faults: args.faults, allowInsecureAuth: args.allowPlaintextAuth })
    } catch (error) {
      const reason = `the temporary local inbox could not start: ${error instanceof Error ? error.message : String(error)}`
      if (args.json) io.stdout.write(`${safeJson({ error: { code: 'EINBOX', message: reason } }, 2)}\n`)
      return { exitCode: EXIT_FAILURE, reason }
    }
    let run: SendRun
    try {
      const server = { host: inbox.host, port: inbox.port }
      const connection = { ...connectionOptions({ ...args, server, insecure: false }, io), ca: inbox.caPem }
      if (!args.json) {
        const faults = describeFaults(inbox.faults())
        io.stdout.write(
          `Sending to a temporary local test inbox on ${hostPort(inbox.host, inbox.port)} (STARTTLS certificate sha256 ${inbox.certificateFingerprint}; faults: ${faults}).\n\n` +
            heading('The session as Mailwire (the client) saw it:', shouldUseColor({ isTTY: ttyOf(io).stdout, env: io.env })),
        )
      }
      run = await deliver(args, prepared, connection, io)
    } finally {
      await inbox.stop()
    }
    const side = await inboxSide(inbox)
    // Reading the message wrote its parsed form behind: let it land before the folder goes.
    await inbox.idle()
    if (args.json) {
      const connection = { ...args, host: inbox.host, port: inbox.port, customCa: true }
      io.stdout.write(`${safeJson({ ...sessionDocumentOf(prepared, run, connection), inbox: side }, 2)}\n`)
    } else {
      io.stdout.write(`${formatSendResult(run)}\n${formatInboxSide(side, run)}`)
    }
    return run.outcome
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}
