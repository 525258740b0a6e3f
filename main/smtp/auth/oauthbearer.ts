// AUTH OAUTHBEARER (RFC 7628): a GS2 header naming the user, then "auth=Bearer TOKEN",
// key-value pairs separated by ^A, as an initial response. On failure the server sends a
// 334 with a base64 JSON error (oauth-error.ts); RFC 7628 3.2.3 has the client answer it
// with a single ^A, and the server then sends the final 535 (or 334 again is a loop).
import { base64, type Credentials, type Mechanism } from './mechanism'

/** RFC 5801 gs2-header: no channel binding, authzid the user; "," and "=" in it escaped (RFC 7628 3.1). */
const gs2User = (user: string) => user.replace(/=/g, '=3D').replace(/,/g, '=2C')

const blob = ({ user, password }: Credentials) => base64(`n,a=${gs2User(user)},\u0001auth=Bearer ${password}\u0001\u0001`)

/** RFC 7628 3.2.3: the dummy response to an error challenge, one ^A. */
export const OAUTHBEARER_ERROR_RESPONSE = base64('\u0001')

export const oauthBearer: Mechanism = {
  name: 'OAUTHBEARER',
  initialResponse: true,
  oauth: true,
  initial: (credentials) => `AUTH OAUTHBEARER ${blob(credentials)}`,
  respond: () => OAUTHBEARER_ERROR_RESPONSE,
  secrets: (credentials) => [credentials.password, base64(credentials.password), blob(credentials)],
}
