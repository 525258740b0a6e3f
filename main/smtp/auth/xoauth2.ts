// AUTH XOAUTH2 (Google and Microsoft): "user=" U ^A "auth=Bearer " TOKEN ^A ^A, base64.
// On failure the server sends a 334 with a JSON error (oauth-error.ts); the client answers
// with an empty line and gets the final 535.
import { base64, type Credentials, type Mechanism } from './mechanism'

const blob = ({ user, password }: Credentials) => base64(`user=${user}\u0001auth=Bearer ${password}\u0001\u0001`)

export const xoauth2: Mechanism = {
  name: 'XOAUTH2',
  initialResponse: true,
  oauth: true,
  initial: (credentials) => `AUTH XOAUTH2 ${blob(credentials)}`,
  respond: () => '',
  secrets: (credentials) => [credentials.password, base64(credentials.password), blob(credentials)],
}
