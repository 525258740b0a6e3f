// The authentication check of a message the inbox kept: its raw source, its envelope, and
// the client address and HELO name of the session that delivered it.
import type { AuthenticationReport } from './authentication-types'
import { authenticateMessage, type DnsResolve } from './authenticate'
import type { LocalInbox } from './local-inbox'

/** The name the inbox signs its Authentication-Results with (RFC 8601 authserv-id). */
export const INBOX_AUTHSERV_ID = 'mailwire.inbox'

/**
 * Undefined when the message (or its session record) is no longer kept. Needs only the
 * summary: get() would parse the body too, which `mailwire inbox` paid for every arrival.
 */
export async function authenticateStored(
  inbox: Pick<LocalInbox, 'raw' | 'summary' | 'session'>,
  id: string,
  dnsServers: readonly string[],
  resolve?: DnsResolve,
): Promise<AuthenticationReport | undefined> {
  const raw = await inbox.raw(id)
  const message = inbox.summary(id)
  if (!raw || !message) return undefined
  const session = await inbox.session(message.sessionId)
  if (!session) return undefined
  return authenticateMessage(
    {
      raw,
      clientAddress: session.client.address,
      ...(session.heloName ? { heloName: session.heloName } : {}),
      mailFrom: message.envelope.mailFrom,
      authservId: INBOX_AUTHSERV_ID,
    },
    dnsServers,
    resolve,
  )
}
