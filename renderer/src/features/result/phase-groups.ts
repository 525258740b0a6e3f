import type { Phase, PhaseTiming } from '../../../../preload/contract'

/** The steps of the waterfall and the engine phases each one covers. */
export const WATERFALL_STEPS: ReadonlyArray<{ step: string; phases: readonly Phase[] }> = [
  { step: 'connect', phases: ['connect'] },
  // The server's time to say hello, apart from the TCP connect (a silent server shows here).
  { step: 'greeting', phases: ['greeting'] },
  { step: 'TLS', phases: ['starttls'] },
  { step: 'EHLO', phases: ['ehlo'] },
  { step: 'AUTH', phases: ['auth'] },
  // Our time building the message, not the server's (it used to count as EHLO).
  { step: 'prepare', phases: ['prepare'] },
  { step: 'envelope', phases: ['mail', 'rcpt'] },
  { step: 'data', phases: ['data'] },
  { step: 'quit', phases: ['quit'] },
]

export interface WaterfallBar {
  step: string
  /** ms since session start. */
  start: number
  end: number
  /** Time actually spent in the step (a step can be entered twice, e.g. EHLO after TLS). */
  duration: number
  /** Spans, for steps entered more than once. */
  spans: Array<{ start: number; end: number }>
}

/** The waterfall rows for the steps that happened, in session order. */
export function waterfallBars(timings: readonly PhaseTiming[]): WaterfallBar[] {
  const bars: WaterfallBar[] = []
  for (const { step, phases } of WATERFALL_STEPS) {
    const spans = timings.filter((t) => phases.includes(t.phase)).map((t) => ({ start: t.start, end: Math.max(t.end, t.start) }))
    if (spans.length === 0) continue
    bars.push({
      step,
      start: Math.min(...spans.map((s) => s.start)),
      end: Math.max(...spans.map((s) => s.end)),
      duration: spans.reduce((sum, s) => sum + (s.end - s.start), 0),
      spans,
    })
  }
  return bars.sort((a, b) => a.start - b.start)
}
