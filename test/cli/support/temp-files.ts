// Files a command line names (a CA bundle, a body, a raw message), in a fresh temp folder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TempFiles {
  write(name: string, content: string | Uint8Array): string
  remove(): void
}

export function tempFiles(): TempFiles {
  const dir = mkdtempSync(join(tmpdir(), 'mailwire-cli-'))
  return {
    write: (name, content) => {
      const path = join(dir, name)
      writeFileSync(path, content)
      return path
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
