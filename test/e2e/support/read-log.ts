// Every row of the (virtualized) wire log on the page, read by scrolling it from top to
// bottom, as send.test.ts does for the Send view (the page shows one log at a time).
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

export async function readLog(page: Page): Promise<LogRow[]> {
  const scroller = page.getByTestId('wire-log-scroller')
  const rows = new Map<number, LogRow>()
  // A wheel turn upwards is how a user leaves auto-scroll; then the test scrolls freely.
  await scroller.hover()
  await page.mouse.wheel(0, -400)
  await page.getByTestId('jump-latest').waitFor()
  await scroller.evaluate((element) => (element.scrollTop = 0))
  for (;;) {
    await nextFrames(page)
    const visible = await page.$$eval('[data-testid=wire-row]', (elements) =>
      elements.map((element) => ({
        seq: Number(element.getAttribute('data-seq')),
        kind: element.getAttribute('data-kind') ?? '',
        code: Number(element.querySelector('[data-testid=reply-badge]')?.textContent) || null,
        text: element.querySelector('.wire-text')?.textContent ?? '',
      })),
    )
    for (const row of visible) rows.set(row.seq, row)
    const atEnd = await scroller.evaluate((element) => {
      if (element.scrollTop + element.clientHeight >= element.scrollHeight - 1) return true
      element.scrollTop += Math.floor(element.clientHeight * 0.7)
      return false
    })
    if (atEnd) break
  }
  return [...rows.values()].sort((a, b) => a.seq - b.seq)
}

/** True when `wanted` appears in `items` in this order (others may come between). */
export function inOrder<T>(items: readonly T[], wanted: readonly T[]): boolean {
  let next = 0
  for (const item of items) if (item === wanted[next]) next++
  return next === wanted.length
}
