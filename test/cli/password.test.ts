import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { InputError } from '../../main/cli/input-error'
import type { CliIo, InputStream } from '../../main/cli/io'
import { PasswordCancelled, PasswordInterrupted, promptHidden, resolvePassword } from '../../main/cli/password'
import { runCli } from '../../main/cli/run'

/** A terminal's stdin as Node gives it: a stream with setRawMode. Records the raw-mode switches. */
function terminal(): { stdin: InputStream; modes: boolean[]; type: (text: string) => void } {
  const stream = new PassThrough() as PassThrough & InputStream & { isRaw: boolean }
  const modes: boolean[] = []
  stream.isTTY = true
  stream.isRaw = false
  stream.setRawMode = (mode: boolean) => {
    modes.push(mode)
    stream.isRaw = mode
    return stream
  }
  return { stdin: stream, modes, type: (text) => stream.write(text) }
}

function sink(): { write: (text: string) => boolean; text: () => string } {
  let all = ''
  return { write: (text) => ((all += text), true), text: () => all }
}

function io(stdin: InputStream, env: Record<string, string> = {}, isTTY = true): CliIo & { stderr: ReturnType<typeof sink> } {
  return { stdin, stdout: sink(), stderr: sink(), env, isTTY }
}

describe('promptHidden', () => {
  it('reads a line in raw mode without echoing it, and restores the terminal', async () => {
    const term = terminal()
    const stderr = sink()
    const answer = promptHidden('Password: ', term.stdin, stderr)
    term.type('s3cr')
    term.type('et!\r')
    await expect(answer).resolves.toBe('s3cret!')
    expect(stderr.text()).toBe('Password: \n')
    expect(term.modes).toEqual([true, false])
  })

  it('edits with Backspace and Ctrl-U, and keeps non-ASCII characters whole', async () => {
    const term = terminal()
    const answer = promptHidden('Password: ', term.stdin, sink())
    term.type('wrong\u0015pässx\u007f\u0008wörd\n')
    await expect(answer).resolves.toBe('päswörd')
  })

  it('cancels on Ctrl-C, and on Ctrl-D before anything was typed', async () => {
    for (const key of ['abc\u0003', '\u0004']) {
      const term = terminal()
      const answer = promptHidden('Password: ', term.stdin, sink())
      term.type(key)
      await expect(answer).rejects.toBeInstanceOf(PasswordCancelled)
      expect(term.modes).toEqual([true, false])
    }
  })

  it('tells Ctrl-C (an interruption) from Ctrl-D', async () => {
    const term = terminal()
    const answer = promptHidden('Password: ', term.stdin, sink())
    term.type('abc\u0003')
    await expect(answer).rejects.toBeInstanceOf(PasswordInterrupted)
    const other = terminal()
    const ended = promptHidden('Password: ', other.stdin, sink())
    other.type('\u0004')
    await expect(ended).rejects.not.toBeInstanceOf(PasswordInterrupted)
  })

  it('ends the CLI with 130 on Ctrl-C at the prompt, as SIGINT would, nothing sent', async () => {
    const term = terminal()
    const cli = io(term.stdin)
    const code = runCli(['send', '--server', '127.0.0.1:9', '--from', 'a@mailwire.test', '--to', 'b@mailwire.test', '--user', 'me'], cli)
    // The send's modules load on first use (lazy imports): on a loaded machine that outlasts poll's 1 s default.
    await expect.poll(() => cli.stderr.text(), { timeout: 30_000 }).toContain('Password for me at 127.0.0.1:9: ')
    term.type('\u0003')
    expect(await code).toBe(130)
    expect(cli.stderr.text()).toContain('mailwire: interrupted by Ctrl-C at the password prompt; nothing was sent\n')
  })

  it('cancels when the input ends', async () => {
    const term = terminal()
    const answer = promptHidden('Password: ', term.stdin, sink())
    term.stdin.emit('end')
    await expect(answer).rejects.toThrow(/cancelled at the password prompt; nothing was sent/)
  })
})

describe('resolvePassword', () => {
  it('takes MAILWIRE_PASSWORD without asking', async () => {
    const term = terminal()
    const cli = io(term.stdin, { MAILWIRE_PASSWORD: 'from-env' })
    await expect(resolvePassword('ann', 'mx.test:25', cli)).resolves.toBe('from-env')
    expect(cli.stderr.text()).toBe('')
    expect(term.modes).toEqual([])
  })

  it('asks on a terminal, naming the user and the server', async () => {
    const term = terminal()
    const cli = io(term.stdin)
    const answer = resolvePassword('ann', 'mx.test:25', cli)
    term.type('typed\r')
    await expect(answer).resolves.toBe('typed')
    expect(cli.stderr.text()).toBe('Password for ann at mx.test:25: \n')
  })

  it('refuses with a clear message when there is no terminal and no MAILWIRE_PASSWORD', async () => {
    const cli = io(new PassThrough(), {}, false)
    const outcome = resolvePassword('ann', 'mx.test:25', cli)
    await expect(outcome).rejects.toBeInstanceOf(InputError)
    await expect(outcome).rejects.toThrow(/needs a password: set MAILWIRE_PASSWORD, or run on a terminal/)
  })

  it('refuses an empty answer', async () => {
    const term = terminal()
    const answer = resolvePassword('ann', 'mx.test:25', io(term.stdin))
    term.type('\r')
    await expect(answer).rejects.toThrow(/no password given/)
  })
})
