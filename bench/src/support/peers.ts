// Where the peer programs are. Debian's python3 comes first: a pyenv shim on PATH would
// add its own start-up to every wall time.
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const CURL = '/usr/bin/curl'

export function pythonPath(): string | undefined {
  for (const candidate of ['/usr/bin/python3', '/usr/local/bin/python3']) if (existsSync(candidate)) return candidate
  return process.env.PATH?.split(':')
    .map((dir) => join(dir, 'python3'))
    .find((path) => existsSync(path))
}
