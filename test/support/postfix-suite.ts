import { describe, inject } from 'vitest'
import type { PostfixInfo } from './postfix'

/**
 * `describe` for suites that need the real Postfix. The global setup fails the run on CI
 * when Postfix is missing, so this skip only happens on a developer's machine without it.
 */
export function describeWithPostfix(name: string, body: (postfix: PostfixInfo) => void): void {
  const postfix = inject('postfix')
  if (postfix) describe(name, () => body(postfix))
  else describe.skip(`${name} (needs Postfix, as root: see .ci/run)`, () => undefined)
}
