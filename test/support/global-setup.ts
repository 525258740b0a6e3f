// Once per test run: bring up the real Postfix that interop and end-to-end tests talk to.
// Elsewhere than CI, a machine without Postfix (or not root) runs everything else and
// skips the Postfix suites; on CI that is a failure, never a silent skip.
import type { TestProject } from 'vitest/node'
import { ensurePostfix, type PostfixInfo } from './postfix'

declare module 'vitest' {
  export interface ProvidedContext {
    postfix: PostfixInfo | null
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const postfix = await ensurePostfix()
  if (!postfix && process.env['CI']) {
    throw new Error('Postfix is required on CI: install it (see .ci/run) and run the tests as root.')
  }
  project.provide('postfix', postfix)
}
