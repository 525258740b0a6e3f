// Ctrl-C (SIGINT) and SIGTERM end the CLI at any moment, with the shell's code for a
// process ended by that signal. index.ts aborts io.signal with the signal's name; the
// session stops at once (the engine closes its socket on abort, so a message cut short
// before its final dot is never delivered, and the result says it failed, never sent).

/** 128 + the signal number, as shells report a process ended by a signal. */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const
export type StopSignal = keyof typeof SIGNAL_EXIT

/**
 * After the signal the command may still print how it ended (the cancelled session, its
 * result); this long at most, so that nothing it waits on can hold the CLI.
 */
export const INTERRUPT_GRACE_MS = 1000

export interface Interruptible {
  exitCode: number
  reason?: string
}

const signalOf = (signal: AbortSignal): StopSignal => (signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT')

function interrupted(signal: AbortSignal): Interruptible {
  const name = signalOf(signal)
  return { exitCode: SIGNAL_EXIT[name], reason: `interrupted by ${name === 'SIGINT' ? 'Ctrl-C (SIGINT)' : 'SIGTERM'}` }
}

/** The command's outcome, or, once the signal fires, the signal's exit after a short grace. */
export async function untilInterrupted<T extends Interruptible>(command: Promise<T>, signal: AbortSignal | undefined): Promise<T | Interruptible> {
  if (!signal) return command
  const settled = command.then(
    (outcome) => ({ outcome }),
    (error: unknown) => ({ error }),
  )
  const stopped = new Promise<'stopped'>((resolve) => {
    if (signal.aborted) resolve('stopped')
    else signal.addEventListener('abort', () => resolve('stopped'), { once: true })
  })
  const first = await Promise.race([settled, stopped])
  if (first !== 'stopped' && !signal.aborted) {
    if ('error' in first) throw first.error
    return first.outcome
  }
  let timer: NodeJS.Timeout | undefined
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, INTERRUPT_GRACE_MS)
  })
  await Promise.race([settled, grace])
  clearTimeout(timer)
  return interrupted(signal)
}
