// The Advanced part of the Send view (issue 14): where the session stops on purpose (QUIT,
// or a hang-up without it), pipelining, BDAT chunking, and extensions sent unoffered. It
// belongs to the next sessions, not to the message, so the draft does not keep it.
import type { ChunkingMode, QuitAfter, SessionControls } from '../../../preload/contract'

/** RFC 3030 leaves the size to the client; the CLI's --chunk-size default is 64 KiB. */
export const DEFAULT_CHUNK_BYTES = 64 * 1024
export const MAX_CHUNK_BYTES = 100 * 1024 * 1024

export const STOP_STEPS: ReadonlyArray<{ step: QuitAfter; label: string }> = [
  { step: 'connect', label: 'connect' },
  { step: 'greeting', label: 'greeting' },
  { step: 'ehlo', label: 'EHLO' },
  { step: 'tls', label: 'STARTTLS' },
  { step: 'auth', label: 'AUTH' },
  { step: 'mail', label: 'MAIL FROM' },
  { step: 'rcpt', label: 'RCPT TO' },
  { step: 'data', label: 'DATA' },
  { step: 'dot', label: 'final dot' },
]

export const stepLabel = (step: QuitAfter) => STOP_STEPS.find((entry) => entry.step === step)?.label ?? step

export interface AdvancedForm {
  /** none: the whole session; quit: QUIT after `step`; drop: close without QUIT after `step`. */
  stop: 'none' | 'quit' | 'drop'
  step: QuitAfter
  pipelining: 'auto' | 'off'
  chunking: ChunkingMode
  /** Bytes per BDAT chunk, as typed (NaN while the field is empty). */
  chunkSize: number
  forceExtensions: boolean
}

export const defaultAdvancedForm = (): AdvancedForm => ({
  stop: 'none',
  step: 'rcpt',
  pipelining: 'auto',
  chunking: 'off',
  chunkSize: DEFAULT_CHUNK_BYTES,
  forceExtensions: false,
})

export const chunkSizeValid = (bytes: number) => Number.isInteger(bytes) && bytes >= 1 && bytes <= MAX_CHUNK_BYTES

/** What session:start receives; undefined when everything is the default. */
export function sessionControlsOf(form: AdvancedForm): SessionControls | undefined {
  const controls: SessionControls = {
    ...(form.stop === 'quit' ? { quitAfter: form.step } : {}),
    ...(form.stop === 'drop' ? { dropAfter: form.step } : {}),
    ...(form.pipelining === 'off' ? { pipelining: 'off' as const } : {}),
    ...(form.chunking !== 'off' ? { chunking: form.chunking } : {}),
    ...(form.chunking !== 'off' && form.chunkSize !== DEFAULT_CHUNK_BYTES && chunkSizeValid(form.chunkSize) ? { chunkSize: form.chunkSize } : {}),
    ...(form.forceExtensions ? { forceExtensions: true } : {}),
  }
  return Object.keys(controls).length > 0 ? controls : undefined
}

export function advancedProblems(form: AdvancedForm): Array<{ field: string; message: string }> {
  if (form.chunking !== 'off' && !chunkSizeValid(form.chunkSize)) {
    return [{ field: 'controls.chunkSize', message: `Chunk size: a whole number of bytes from 1 to ${MAX_CHUNK_BYTES}` }]
  }
  return []
}

const formatBytes = (bytes: number) => (bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`)

/** One line: what the next session will do differently from a plain one. */
export function advancedSummary(form: AdvancedForm): string {
  const parts = [
    form.stop === 'quit' ? `stop after ${stepLabel(form.step)} (QUIT)` : '',
    form.stop === 'drop' ? `hang up after ${stepLabel(form.step)} (no QUIT)` : '',
    form.pipelining === 'off' ? 'no pipelining' : '',
    form.chunking === 'auto' ? `BDAT when offered, ${chunkSizeValid(form.chunkSize) ? formatBytes(form.chunkSize) : '?'} chunks` : '',
    form.chunking === 'force' ? `BDAT always, ${chunkSizeValid(form.chunkSize) ? formatBytes(form.chunkSize) : '?'} chunks` : '',
    form.forceExtensions ? 'extensions forced' : '',
  ].filter(Boolean)
  return parts.length > 0 ? parts.join(' · ') : 'the whole session, DATA, pipelining when offered'
}
