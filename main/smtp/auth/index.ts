// The AUTH exchange (RFC 4954): pick a mechanism the server offers, send it, answer a
// bounded number of 334 challenges, and explain a refusal. Credentials are masked in the
// wire log by the display text of each step and, behind that, by the log's secret list.
import type { SmtpConnection } from '../connection'
import { SmtpError, replySummary } from '../errors'
import type { AuthMechanism, AuthOptions, OAuthErrorInfo, Reply } from '../types'
import { MASK } from '../wire-log'
import { cramMd5 } from './cram-md5'
import { login } from './login'
import type { Mechanism } from './mechanism'
import { describeOAuthError, parseOAuthError } from './oauth-error'
import { oauthBearer } from './oauthbearer'
import { plain } from './plain'
import { xoauth2 } from './xoauth2'

const MECHANISMS: Record<AuthMechanism, Mechanism> = {
  'CRAM-MD5': cramMd5,
  PLAIN: plain,
  LOGIN: login,
  XOAUTH2: xoauth2,
  OAUTHBEARER: oauthBearer,
}

/** Chosen when the caller asks for none. XOAUTH2 and OAUTHBEARER need a token, so only on request. */
export const MECHANISM_PREFERENCE: AuthMechanism[] = ['CRAM-MD5', 'PLAIN', 'LOGIN']

/** LOGIN needs two challenges; a server that keeps sending 334 is looping. */
export const MAX_AUTH_CHALLENGES = 4

export function chooseMechanism(offered: string[], requested?: AuthMechanism, force = false): Mechanism {
  const list = offered.length > 0 ? offered.join(' ') : 'none'
  if (requested) {
    if (!MECHANISMS[requested]) throw new SmtpError('EAUTH', `unknown AUTH mechanism ${requested}`, { phase: 'auth' })
    if (!offered.includes(requested) && !force) {
      throw new SmtpError('EAUTH', `the server does not offer AUTH ${requested} (it offers: ${list})`, { phase: 'auth' })
    }
    return MECHANISMS[requested]
  }
  if (offered.length === 0) {
    throw new SmtpError('EAUTH', 'the server offers no AUTH mechanism on this connection, so it cannot log in', { phase: 'auth' })
  }
  const name = MECHANISM_PREFERENCE.find((mechanism) => offered.includes(mechanism))
  if (!name) {
    throw new SmtpError('EAUTH', `no AUTH mechanism in common (the server offers: ${list}; we speak ${MECHANISM_PREFERENCE.join(', ')}, XOAUTH2 and OAUTHBEARER on request)`, {
      phase: 'auth',
    })
  }
  return MECHANISMS[name]
}

const REFUSALS: Record<number, string> = {
  535: 'the server rejected the user name or password',
  454: 'temporary authentication failure on the server; try again later',
  538: 'the server requires an encrypted connection for this mechanism',
  534: 'the server considers this mechanism too weak',
  530: 'the server requires authentication of a different kind',
  504: 'the server does not support this mechanism',
  501: 'the server could not parse the exchange, or it was cancelled',
  500: 'the server does not understand AUTH',
  502: 'the server does not implement AUTH',
  503: 'AUTH is not allowed now (already logged in, or in a mail transaction)',
}

export function authRefusal(reply: Reply, mechanism: string, command: string, oauth?: OAuthErrorInfo): SmtpError {
  const why = oauth ? 'the server refused the OAuth2 token' : (REFUSALS[reply.code] ?? 'authentication refused')
  const said = oauth ? `; the OAuth2 error: ${describeOAuthError(oauth)}` : ''
  return new SmtpError('EAUTH', `AUTH ${mechanism} failed: ${why} (${replySummary(reply)})${said}`, {
    command,
    reply,
    phase: 'auth',
    ...(oauth ? { oauth } : {}),
  })
}

/** Run the exchange. Resolves with the 235; rejects with EAUTH (or EPROTOCOL for a loop). */
export async function authenticate(connection: SmtpConnection, auth: AuthOptions, offered: string[]): Promise<Reply> {
  const mechanism = chooseMechanism(offered, auth.mechanism, auth.forceMechanism === true)
  if (!offered.includes(mechanism.name)) {
    connection.wire.emit('info', `the server does not offer AUTH ${mechanism.name}: trying it anyway, as asked`, { phase: 'auth' })
  }
  const credentials = { user: auth.user, password: auth.password }
  for (const secret of mechanism.secrets(credentials)) connection.wire.addSecret(secret)
  const display = `AUTH ${mechanism.name}${mechanism.initialResponse ? ` ${MASK}` : ''}`
  let reply = await connection.command(mechanism.initial(credentials), { display, phase: 'auth' })
  let lastCommand = display
  let oauth: OAuthErrorInfo | undefined
  for (let step = 1; reply.code === 334; step++) {
    if (step > MAX_AUTH_CHALLENGES) {
      // RFC 4954 4: "*" cancels the exchange.
      await connection.command('*', { display: '*', phase: 'auth' })
      throw new SmtpError('EPROTOCOL', `the server sent more than ${MAX_AUTH_CHALLENGES} AUTH challenges; the exchange was cancelled`, {
        command: display,
        reply,
        phase: 'auth',
      })
    }
    const challenge = Buffer.from(reply.lines[0] ?? '', 'base64')
    if (mechanism.oauth) {
      // The 334 is the OAuth2 error; the response only ends the exchange and carries no secret.
      oauth = parseOAuthError(challenge) ?? oauth
      const shown = oauth ? `the OAuth2 error: ${describeOAuthError(oauth)}` : `the server's challenge: ${JSON.stringify(challenge.toString('utf8'))}`
      const response = mechanism.respond(challenge, step, credentials)
      const why = mechanism.name === 'OAUTHBEARER' ? 'one ^A, as RFC 7628 3.2.3 asks' : 'an empty line'
      connection.wire.emit('info', `${shown}; answering with ${why} to end the exchange`, { phase: 'auth' })
      reply = await connection.command(response, { display: response, phase: 'auth' })
      lastCommand = response
      continue
    }
    reply = await connection.command(mechanism.respond(challenge, step, credentials), { display: MASK, phase: 'auth' })
    lastCommand = MASK
  }
  if (reply.code === 235) return reply
  throw authRefusal(reply, mechanism.name, lastCommand === MASK ? `${display} (${MASK})` : display, oauth)
}
