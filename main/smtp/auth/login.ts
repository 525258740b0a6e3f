// AUTH LOGIN (draft-murchison-sasl-login): the user name, then the password, each base64,
// each answering a 334 ("Username:", "Password:").
import { base64, type Mechanism } from './mechanism'

export const login: Mechanism = {
  name: 'LOGIN',
  initialResponse: false,
  initial: () => 'AUTH LOGIN',
  respond: (challenge, step, { user, password }) => {
    const prompt = challenge.toString('utf8').toLowerCase()
    if (prompt.startsWith('user')) return base64(user)
    if (prompt.startsWith('pass')) return base64(password)
    return step === 1 ? base64(user) : base64(password)
  },
  secrets: ({ password }) => [password, base64(password)],
}
