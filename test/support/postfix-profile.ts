import type { ProfileInput } from '../../preload/contract'
import type { PostfixInfo } from './postfix'

/** A server profile for the run's Postfix: STARTTLS, verified against its test CA. */
export function postfixProfile(postfix: PostfixInfo, overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name: 'Local Postfix',
    host: postfix.host,
    port: postfix.port,
    security: 'starttls',
    username: '',
    clientName: '',
    allowInvalidCertificate: false,
    allowPlaintextAuth: false,
    caPem: postfix.caPem,
    ...overrides,
  }
}
