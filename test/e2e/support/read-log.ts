// The (virtualized) wire log on the page, read by scrolling it from top to bottom: only
// the rows in view are rendered. The page shows one log at a time.
import type { Page } from 'playwright-core'

export interface LogRow {
  seq: number
  kind: string
  code: number | null
  text: string
}

/** The page's globals these helpers touch (the e2e project is typed without the DOM library). */
type PageGlobals = { requestAnimationFrame(callback: () => void): number }

/** Two animation frames: the virtualized list re-renders after a scroll. */
export function nextFrames(page: Page): Promise<unknown> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const scope = globalThis as unknown as PageGlobals
        scope.requestAnimationFrame(() => scope.requestAnimationFrame(() => resolve(undefined)))
      }),
  )
}

/**
 * Scrolls the log from the top down, most of a screen at a time, calling `visit` once the
 * rows in view are rendered, until `visit` returns true or the bottom is reached. Returns
 * whether `visit` stopped it.
 */
async function scrollThrough(page: Page, visit: () => Promise<boolean>): Promise<boolean> {
  const scroller = page.getByTestId('wire-log-scroller')
  // A wheel turn upwards is how a user leaves auto-scroll; then the test scrolls freely.
  await scroller.hover()
  await page.mouse.wheel(0, -400)
  await page.getByTestId('jump-latest').waitFor()
  await scroller.evaluate((element) => (element.scrollTop = 0))
  for (;;) {
    await nextFrames(page)
    if (await visit()) return true
    const atEnd = await scroller.evaluate((element) => {
      if (element.scrollTop + element.clientHeight >= element.scrollHeight - 1) return true
      element.scrollTop += Math.floor(element.clientHeight * 0.7)
      return false
    })
    if (atEnd) return false
  }
}

/** Every row of the log, in order; it ends scrolled to the bottom. */
export async function readLog(page: Page): Promise<LogRow[]> {
  const rows = new Map<number, LogRow>()
  await scrollThrough(page, async () => {
    const visible = await page.$$eval('[data-testid=wire-row]', (elements) =>
      elements.map((element) => ({
        seq: Number(element.getAttribute('data-seq')),
        kind: element.getAttribute('data-kind') ?? '',
        code: Number(element.querySelector('[data-testid=reply-badge]')?.textContent) || null,
        text: element.querySelector('[data-testid=wire-text]')?.textContent ?? '',
      })),
    )
    for (const row of visible) rows.set(row.seq, row)
    return false
  })
  return [...rows.values()].sort((a, b) => a.seq - b.seq)
}

/** Scrolls the log from the top until `testId` is rendered; throws when it is not in the log. */
export async function scrollLogTo(page: Page, testId: string): Promise<void> {
  const found = await scrollThrough(page, async () => (await page.getByTestId(testId).count()) > 0)
  if (!found) throw new Error(`${testId} is not in the log`)
}

/** True when `wanted` appears in `items` in this order (others may come between). */
export function inOrder<T>(items: readonly T[], wanted: readonly T[]): boolean {
  let next = 0
  for (const item of items) if (item === wanted[next]) next++
  return next === wanted.length
}
