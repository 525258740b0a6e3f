// AUTH PLAIN (RFC 4616): authzid NUL authcid NUL password, base64, as an initial response.
import { base64, type Credentials, type Mechanism } from './mechanism'

const blob = ({ user, password }: Credentials) => base64(`\u0000${user}\u0000${password}`)

export const plain: Mechanism = {
  name: 'PLAIN',
  initialResponse: true,
  initial: (credentials) => `AUTH PLAIN ${blob(credentials)}`,
  // A server that does not take initial responses sends an empty 334 first.
  respond: (_challenge, _step, credentials) => blob(credentials),
  secrets: (credentials) => [credentials.password, base64(credentials.password), blob(credentials)],
}
