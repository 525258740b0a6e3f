// What the Send view's Envelope and Advanced parts and the profile's protocol ask of the
// session, as engine options: the same mapping as the CLI's protocol flags
// (main/cli/send.ts envelopeFor and conversationOptions), so the app and `mailwire send`
// put the same commands on the wire for the same choices.
import type { EnvelopeChoice, MailProtocol, SessionControls } from '../../../preload/contract'
import type { Envelope, SessionOptions } from '../../smtp/types'

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

/** The engine options for the controls of one send and the profile's protocol; defaults left out. */
export function conversationOptions(controls: SessionControls | undefined, protocol: MailProtocol | undefined): Partial<SessionOptions> {
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
