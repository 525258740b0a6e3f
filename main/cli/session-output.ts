// Where the wire events go: printed live as human lines, or kept for the one JSON object.
import { shouldUseColor } from '../report/colors'
import { formatWireEvent } from '../report/format-wire-event'
import type { WireEvent } from '../smtp/types'
import type { CliIo } from './io'
import { ttyOf } from './io'
import { TerminalLine } from './terminal-line'
import { PrintedProgress } from './printed-progress'
import { TransferProgress } from './transfer-progress'

export interface SessionOutput {
  color: boolean
  json: boolean
  transcript: WireEvent[]
  onWire: (event: WireEvent) => void
}

export function sessionOutput(io: CliIo, json: boolean): SessionOutput {
  const color = !json && shouldUseColor({ isTTY: ttyOf(io).stdout, env: io.env })
  const transcript: WireEvent[] = []
  // A long transfer's progress line, on a terminal's stderr only: never in a pipe or the JSON.
  const progress = !json && ttyOf(io).stderr ? new TransferProgress(new TerminalLine(io.stderr)) : undefined
  const printedProgress = new PrintedProgress()
  return {
    color,
    json,
    transcript,
    onWire: (event) => {
      transcript.push(event)
      if (json) return
      progress?.see(event)
      if (!printedProgress.shows(event)) return
      // Live: each line appears as it crosses the wire, so a hanging server shows where.
      const print = () => io.stdout.write(`${formatWireEvent(event, { color })}\n`)
      if (progress) progress.line.around(print)
      else print()
    },
  }
}
