// The version `mailwire --version` prints and session files name as their writer.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export function version(): string {
  // main/cli/version.ts and out/main/cli.js both sit two levels below package.json.
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}
