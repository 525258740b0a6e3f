// Bad input found before anything was sent: exit 2 with a one-line reason.
export class InputError extends Error {
  override readonly name = 'InputError'
}
