// What every SASL mechanism (RFC 4954) provides to the AUTH exchange in index.ts.
import type { AuthMechanism } from '../types'

export interface Credentials {
  user: string
  /** The password, or for XOAUTH2 and OAUTHBEARER the access token. */
  password: string
}

export interface Mechanism {
  name: AuthMechanism
  /** The AUTH command, with an initial response when the mechanism sends one. */
  initial(credentials: Credentials): string
  /** True when initial() carries a credential (shown as "AUTH NAME ****"). */
  initialResponse: boolean
  /**
   * An OAuth2 mechanism: a 334 is the server's JSON error (oauth-error.ts), and respond()
   * gives the response that ends the exchange, which carries no credential.
   */
  oauth?: boolean
  /** The base64 answer to one 334 challenge (given decoded). */
  respond(challenge: Buffer, step: number, credentials: Credentials): string
  /** Strings that must never reach a log: masked in every wire event as well. */
  secrets(credentials: Credentials): string[]
}

export const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64')
