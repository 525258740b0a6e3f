// What the CLI talks to. runCli takes these instead of `process` so tests run it in-process.

export interface TextSink {
  write(text: string): unknown
}

/** stdin: a readable stream; a terminal has setRawMode (node:tty ReadStream). */
export interface InputStream extends NodeJS.ReadableStream {
  isTTY?: boolean
  setRawMode?(mode: boolean): unknown
}

export interface CliIo {
  stdout: TextSink
  stderr: TextSink
  stdin: InputStream
  env: Record<string, string | undefined>
  /**
   * Which ends are terminals: stdout decides colour, stdin whether a password can be asked,
   * stderr whether a progress line is drawn. A boolean sets all.
   */
  isTTY: boolean | { stdin: boolean; stdout: boolean; stderr?: boolean }
  /** Aborts the session (index.ts connects it to Ctrl-C). */
  signal?: AbortSignal
}

export function ttyOf(io: CliIo): { stdin: boolean; stdout: boolean; stderr: boolean } {
  return typeof io.isTTY === 'boolean' ? { stdin: io.isTTY, stdout: io.isTTY, stderr: io.isTTY } : { ...io.isTTY, stderr: io.isTTY.stderr ?? false }
}
