// The version `mailwire --version` prints and session files name as their writer.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export function version(): string {
  // main/cli/version.ts sits two levels below package.json, its built chunk (out/main/chunks/) three.
  for (const up of [['..', '..'], ['..', '..', '..']]) {
    try {
      const found = JSON.parse(readFileSync(join(__dirname, ...up, 'package.json'), 'utf8')) as { name?: string; version: string }
      if (found.name === 'mailwire') return found.version
    } catch {
      // Not this level.
    }
  }
  return 'unknown'
}
