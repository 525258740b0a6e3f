import { parseArgs } from '../../../main/cli/args'
import { InputError } from '../../../main/cli/input-error'

/** The message parseArgs refuses these arguments with (an InputError); throws when it accepts them. */
export function refusal(argv: string[]): string {
  try {
    parseArgs(argv)
  } catch (error) {
    if (error instanceof InputError) return error.message
    throw error
  }
  throw new Error(`accepted: ${argv.join(' ')}`)
}
