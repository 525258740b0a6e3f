// The user's choices for the conversation as engine options: the envelope apart from the
// headers, DSN, REQUIRETLS, where to stop, BDAT, pipelining, LMTP. One mapping for the
// CLI's flags (main/cli/protocol-flags.ts) and the Send view's Envelope and Advanced parts
// (the session service), so both put the same commands on the wire for the same choices.
import type { ConversationChoice, EnvelopeChoice, Envelope, MailProtocol, SessionOptions } from './types'

export type { ConversationChoice, EnvelopeChoice } from './types'

/** The envelope from the headers, unless the choice says otherwise; DSN and REQUIRETLS on it. */
export function envelopeWith(choice: EnvelopeChoice | undefined, fromHeaders: Envelope): Envelope {
  if (!choice) return fromHeaders
  return {
    from: choice.from ?? fromHeaders.from,
    to: choice.to && choice.to.length > 0 ? choice.to : fromHeaders.to,
    ...(choice.dsn && hasDsn(choice.dsn) ? { dsn: choice.dsn } : {}),
    ...(choice.requireTls ? { requireTls: true } : {}),
  }
}

/** An empty DSN choice (nothing ticked) sends no DSN parameter at all, as no --dsn-* flag does. */
function hasDsn(dsn: NonNullable<EnvelopeChoice['dsn']>): boolean {
  return (dsn.notify !== undefined && dsn.notify.length > 0) || dsn.ret !== undefined || dsn.envid !== undefined || dsn.orcpt === true
}

/** The engine options for the choices of one send and the protocol; defaults left out. */
export function conversationOptions(controls: ConversationChoice | undefined, protocol: MailProtocol | undefined): Partial<SessionOptions> {
  return {
    ...(controls?.quitAfter ? { quitAfter: controls.quitAfter } : {}),
    ...(controls?.dropAfter ? { dropAfter: controls.dropAfter } : {}),
    ...(protocol && protocol !== 'smtp' ? { protocol } : {}),
    ...(controls?.chunking && controls.chunking !== 'off' ? { chunking: controls.chunking } : {}),
    ...(controls?.chunkSize !== undefined ? { chunkSize: controls.chunkSize } : {}),
    ...(controls?.pipelining === 'off' ? { pipelining: 'off' } : {}),
    ...(controls?.forceExtensions ? { forceExtensions: true } : {}),
  }
}
