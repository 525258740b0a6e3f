// Copy as command: the Send view's message and server as a mailwire, swaks or curl command,
// or the connection as an openssl s_client command. Composed here, in main, with the same
// builders as the CLI's --print-command (main/report/shell-commands.ts), so the window
// never holds a secret: the password, the OAuth2 token and the profile's CA (kept as PEM)
// appear only as environment variable references the shell expands.
import type { ComposeModel, Envelope, SendCommand, SendCommandRequest } from '../../../preload/contract'
import { CommandTextError, curlCommand, hereDocument, messageText, opensslCommand, secretReference, shellWord, swaksCommand, type CommandConnection, type ShellWord } from '../../report/shell-commands'
import { IPC_ERROR } from '../../../preload/contract'
import { ServiceError } from '../errors'
import type { FileGrants } from '../file-grants'
import type { ProfileService, StoredProfile } from '../profiles'
import { usesOAuthToken } from '../profile-connection'
import { resolveProfileEndpoint, type LocalInboxSource } from '../profile-endpoint'
import { envelopeWith } from '../../smtp/conversation'
import type { SessionEngine } from './session-service'

/** The environment variable a copied command reads the profile's CA file from. */
export const CA_FILE_ENV = 'MAILWIRE_CA_FILE'
/** Where the mailwire command's raw message is written before it is sent (mailwire reads regular files only). */
const RAW_MESSAGE_FILE = 'mailwire-message.eml'

export interface SendCommandInput {
  request: SendCommandRequest
  /** The profile with its endpoint resolved (the local inbox's running address and CA). */
  profile: StoredProfile
  envelope: Envelope
  /** The message as Mailwire would send it, for the swaks and curl here-documents. */
  message: () => Promise<Uint8Array>
}

function connectionOf(profile: StoredProfile): CommandConnection {
  return {
    host: profile.host,
    port: profile.port,
    security: profile.security,
    insecure: profile.allowInvalidCertificate,
    ...(profile.caPem ? { ca: { env: CA_FILE_ENV } } : {}),
    ...(profile.clientName ? { helo: profile.clientName } : {}),
    ...(profile.protocol === 'lmtp' ? { protocol: 'lmtp' as const } : {}),
    ...(profile.username ? { user: profile.username } : {}),
    ...(profile.authMechanism ? { authMech: profile.authMechanism } : {}),
  }
}

/** The variables the command reads, each with what to put in it, as comment lines. */
function environmentNotes(profile: StoredProfile, tool: SendCommandRequest['tool']): { env: string[]; notes: string } {
  const notes: Array<[string, string]> = []
  if (profile.caPem) notes.push([CA_FILE_ENV, `a file holding the CA certificate ${profile.name} trusts`])
  if (profile.username && tool !== 'openssl') {
    notes.push([secretReference(profile.authMechanism).env, usesOAuthToken(profile.authMechanism) ? `the OAuth2 access token of ${profile.username}` : `the password of ${profile.username}`])
  }
  return { env: notes.map(([name]) => name), notes: notes.map(([name, what]) => `# ${name}: ${what}\n`).join('') }
}

export async function sendCommand(input: SendCommandInput): Promise<SendCommand> {
  const { request, profile, envelope } = input
  const connection = connectionOf(profile)
  const { env, notes } = environmentNotes(profile, request.tool)
  const command =
    request.tool === 'openssl'
      ? `${opensslCommand(connection)}\n`
      : request.tool === 'mailwire'
        ? mailwireCommand(connection, request.compose, envelope)
        : await toolCommand(request.tool, connection, envelope, await input.message())
  return { tool: request.tool, text: `${notes}${command}`, env }
}

async function toolCommand(tool: 'swaks' | 'curl', connection: CommandConnection, envelope: Envelope, bytes: Uint8Array): Promise<string> {
  let message: string
  try {
    message = messageText(bytes)
  } catch (error) {
    if (error instanceof CommandTextError) throw new ServiceError(IPC_ERROR.invalidPayload, `${tool}: ${error.message}`)
    throw error
  }
  return tool === 'swaks' ? swaksCommand(connection, envelope.from, envelope.to, message) : curlCommand(connection, envelope.from, envelope.to, message)
}

/** The CLI's flags for the same send (mailwire --help names each). */
function mailwireCommand(connection: CommandConnection, compose: ComposeModel, envelope: Envelope): string {
  const words: ShellWord[] = ['mailwire', 'send', '--server', `${connection.host.includes(':') ? `[${connection.host}]` : connection.host}:${connection.port}`, '--tls', connection.security]
  if (connection.insecure) words.push('--insecure')
  if (connection.ca !== undefined) words.push('--ca', connection.ca)
  if (connection.helo !== undefined) words.push('--helo', connection.helo)
  if (connection.protocol === 'lmtp') words.push('--protocol', 'lmtp')
  if (connection.user !== undefined) words.push('--user', connection.user)
  if (connection.authMech !== undefined) words.push('--auth-mech', connection.authMech)
  words.push('--from', compose.from)
  for (const [flag, list] of [['--to', compose.to], ['--cc', compose.cc], ['--bcc', compose.bcc]] as const) for (const address of list) words.push(flag, address)
  const choice = compose.envelope
  if (choice?.from !== undefined) words.push('--envelope-from', choice.from === '' ? '<>' : choice.from)
  for (const address of choice?.to ?? []) words.push('--envelope-to', address)
  if (envelope.dsn?.notify) words.push('--dsn-notify', envelope.dsn.notify.join(','))
  if (envelope.dsn?.ret) words.push('--dsn-ret', envelope.dsn.ret)
  if (envelope.dsn?.envid !== undefined) words.push('--dsn-envid', envelope.dsn.envid)
  if (envelope.dsn?.orcpt) words.push('--dsn-orcpt')
  if (envelope.requireTls) words.push('--require-tls')
  if (compose.raw !== undefined) {
    // Raw mode: the message as typed, written to a file first (--data-file reads regular files only).
    const document = hereDocument(compose.raw.replace(/\r\n/g, '\n').replace(/\n?$/, '\n'))
    words.push('--data-file', RAW_MESSAGE_FILE)
    return `cat > ${RAW_MESSAGE_FILE} ${document.open}\n${document.body}${words.map(shellWord).join(' ')}\n`
  }
  if (compose.subject) words.push('--subject', compose.subject)
  if (compose.text) words.push('--body', compose.text)
  if (compose.replyTo) words.push('--header', `Reply-To: ${compose.replyTo}`)
  for (const header of compose.headers) words.push('--header', `${header.name}: ${header.value}`)
  for (const attachment of compose.attachments) if (attachment.path !== undefined) words.push('--attach', attachment.path)
  return `${words.map(shellWord).join(' ')}\n`
}

export interface SendCommandService {
  command(request: SendCommandRequest): Promise<SendCommand>
}

export interface SendCommandDeps {
  engine: Pick<SessionEngine, 'validateCompose' | 'buildEnvelope' | 'composeEml'>
  profiles: ProfileService
  grants: FileGrants
  localInbox?: LocalInboxSource
}

/** Checks the message as Send would (the same field errors), then writes the command; nothing connects. */
export function createSendCommandService(deps: SendCommandDeps): SendCommandService {
  return {
    async command(request) {
      const issues = [...deps.grants.ungrantedAttachments(request.compose), ...deps.engine.validateCompose(request.compose)]
      if (issues.length > 0) throw new ServiceError(IPC_ERROR.invalidPayload, issues[0]!.message, { field: issues[0]!.field, fields: issues })
      const profile = await resolveProfileEndpoint(deps.profiles.get(request.profileId), deps.localInbox)
      const envelope = envelopeWith(request.compose.envelope, deps.engine.buildEnvelope(request.compose))
      return sendCommand({ request, profile, envelope, message: () => deps.engine.composeEml(request.compose) })
    },
  }
}
