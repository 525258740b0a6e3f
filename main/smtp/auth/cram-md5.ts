// AUTH CRAM-MD5 (RFC 2195): the user name and the HMAC-MD5 of the server's challenge,
// keyed with the password. The password itself never crosses the wire.
import { createHmac } from 'node:crypto'
import { base64, type Mechanism } from './mechanism'

export const cramMd5: Mechanism = {
  name: 'CRAM-MD5',
  initialResponse: false,
  initial: () => 'AUTH CRAM-MD5',
  respond: (challenge, _step, { user, password }) =>
    base64(`${user} ${createHmac('md5', password).update(challenge).digest('hex')}`),
  secrets: ({ password }) => [password, base64(password)],
}
