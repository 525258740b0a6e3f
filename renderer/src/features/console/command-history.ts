// Up and down through the lines typed before, as in a shell: Up goes back, Down forward,
// and past the newest the line being typed comes back as it was.

export interface HistoryCursor {
  /** Position in the history; history.length means "the line being typed". */
  index: number
  /** What was typed before the user started moving through the history. */
  draft: string
}

export const freshCursor = (history: readonly string[]): HistoryCursor => ({ index: history.length, draft: '' })

/** The cursor and input after Up (-1) or Down (+1); undefined when there is nowhere to go. */
export function moveInHistory(
  history: readonly string[],
  cursor: HistoryCursor,
  current: string,
  step: -1 | 1,
): { cursor: HistoryCursor; text: string } | undefined {
  const index = Math.min(cursor.index, history.length)
  const next = index + step
  if (next < 0 || next > history.length) return undefined
  const draft = index === history.length ? current : cursor.draft
  return { cursor: { index: next, draft }, text: next === history.length ? draft : history[next]! }
}
