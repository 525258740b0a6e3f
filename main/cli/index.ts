#!/usr/bin/env node
import { HELP } from './help'

const args = process.argv.slice(2)
if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP)
  process.exit(0)
}
process.stderr.write(`mailwire: unknown command '${args[0]}'\n\n${HELP}`)
process.exit(2)
