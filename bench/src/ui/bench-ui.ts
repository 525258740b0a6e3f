// Benchmark 3: the wire log in Chromium. 100,000 real engine events streamed at 10,000 per
// second into the built renderer, through the path the app uses: the session service's
// wire batcher (50 ms or 500 events) hands batches to an EventSink that delivers
// `session:wire` to the page exactly as the e2e harness's sink does (page.evaluate of
// window.__mailwireEmit, which the real preload, built by the harness, listens to); then
// the bridge, the store and the virtualized list. Measured in the page: frame intervals
// (requestAnimationFrame), long tasks, heap (CDP), and search and filter driven through
// the toolbar's own controls until the DOM shows the result.
import { writeFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { CHANNELS, type WireBatch, type WireEvent } from '../../../preload/contract'
import type { EventSink } from '../../../main/services'
import { createWireBatcher } from '../../../main/services/session/wire-batcher'
import { startApp, type HarnessPage } from '../../../test/e2e/support/harness'
import type { BenchContext } from '../support/context'
import { fixed, median, percentile } from '../support/stats'
import type { Table } from '../support/table'
import { PROBE_SOURCE, type ActionTiming, type FrameReport } from './page-probe'
import { recordEngineEvents } from './recorded-events'

export const UI_EVENTS = 100_000
export const EVENTS_PER_SECOND = 10_000
/** How often the producer hands due events to the batcher. */
const PRODUCER_TICK_MS = 10
/** One frame at 60 Hz: the budget p95 is held to (issue 9 says 16 ms). */
const FRAME_BUDGET_MS = 1000 / 60
const TARGET_SEARCH_MS = 50
/** A search with many hits, one with none (a full scan either way). */
const QUERIES = ['RCPT TO', 'no such text in the log']
const FILTERS = ['exchange', 'errors', 'all'] as const
const SESSION_ID = 'bench-session'

interface ProbeWindow {
  __benchProbe: {
    startFrames(): void
    stopFrames(): FrameReport
    lastSeq(): number
    domNodes(): number
    search(text: string): Promise<ActionTiming>
    filter(value: string): Promise<ActionTiming>
  }
}

export async function benchUi(context: BenchContext): Promise<Table> {
  const recorded = await recordEngineEvents(UI_EVENTS)
  context.log(`ui: recorded ${recorded.length} engine events from a session with smtp-sink`)
  const app = await startApp()
  try {
    const { page } = app
    await page.getByTestId('wire-log-scroller').waitFor()
    await page.evaluate(PROBE_SOURCE)
    // Functions handed to page.evaluate touch only globalThis, so they survive bundling.
    const cdp = await page.context().newCDPSession(page)
    // MAILWIRE_BENCH_UI_PROFILE=file.cpuprofile: the renderer's CPU profile while streaming
    // (open it in Chrome DevTools), to see where frames go when they are missed.
    const profilePath = process.env.MAILWIRE_BENCH_UI_PROFILE
    if (profilePath) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.start')
    }
    await page.evaluate(() => (globalThis as unknown as ProbeWindow).__benchProbe.startFrames())
    const streamed = await stream(page, recorded)
    // Every event shown: the log follows the tail, so the last row is the last event.
    await page.waitForFunction((last) => (globalThis as unknown as ProbeWindow).__benchProbe.lastSeq() === last, UI_EVENTS - 1, { timeout: 60_000 })
    const settledMs = performance.now() - streamed.lastSentAt
    const frames = await page.evaluate(() => (globalThis as unknown as ProbeWindow).__benchProbe.stopFrames())
    if (profilePath) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown }
      writeFileSync(profilePath, JSON.stringify(profile))
      context.log(`ui: renderer CPU profile written to ${profilePath}`)
    }
    context.log(`ui: streamed ${UI_EVENTS} events in ${fixed(streamed.elapsedMs / 1000, 1)} s (${streamed.batches} batches); ${frames.deltas.length} frames`)

    const heapBefore = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
    await cdp.send('HeapProfiler.collectGarbage')
    const heapAfter = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
    const domNodes = await page.evaluate(() => (globalThis as unknown as ProbeWindow).__benchProbe.domNodes())

    const searches = new Map<string, ActionTiming[]>(QUERIES.map((query) => [query, []]))
    const filters = new Map<string, ActionTiming[]>(FILTERS.map((filter) => [filter, []]))
    for (let round = 0; round < Math.max(context.runs, 5); round++) {
      for (const query of QUERIES) {
        searches.get(query)!.push(await page.evaluate((text) => (globalThis as unknown as ProbeWindow).__benchProbe.search(text), query))
        await page.evaluate(() => (globalThis as unknown as ProbeWindow).__benchProbe.search(''))
      }
      for (const filter of FILTERS) {
        filters.get(filter)!.push(await page.evaluate((value) => (globalThis as unknown as ProbeWindow).__benchProbe.filter(value), filter))
      }
    }
    return report({ frames, heapBefore: heapBefore.usedSize, heapAfter: heapAfter.usedSize, domNodes, searches, filters, streamed, settledMs, context })
  } finally {
    await app.close()
  }
}

/**
 * Feed the recorded events at EVENTS_PER_SECOND into the real wire batcher, whose batches
 * go to a sink of the app's EventSink shape that delivers them in order, like the harness.
 */
async function stream(page: Page, recorded: WireEvent[]): Promise<{ elapsedMs: number; batches: number; lastSentAt: number }> {
  let delivery: Promise<unknown> = Promise.resolve()
  let batches = 0
  const sink: EventSink = {
    send(channel, payload) {
      batches++
      // The batch crosses as one JSON string, parsed in the page before the preload's
      // listener gets it: Electron's IPC hands the renderer a structured clone, while
      // Playwright's per-value argument encoding cost the page's main thread about 10 ms
      // per 500-event batch (2.1 s of 3.9 s main-thread CPU over the stream, measured
      // with a CDP trace), which no app path pays and which the frame times then charged
      // to the wire log.
      const json = JSON.stringify(payload)
      delivery = delivery.then(() =>
        page.evaluate(([c, p]) => (globalThis as unknown as HarnessPage).__mailwireEmit(c, JSON.parse(p)), [channel, json] as const),
      )
    },
  }
  const batcher = createWireBatcher((events) => sink.send(CHANNELS.sessionWire, { sessionId: SESSION_ID, events } satisfies WireBatch))
  const started = performance.now()
  let sent = 0
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      // Paced by the clock, not by the timer's count: a late tick sends what is due.
      const now = performance.now() - started
      const due = Math.min(recorded.length, Math.floor((now / 1000) * EVENTS_PER_SECOND))
      for (; sent < due; sent++) batcher.push({ ...recorded[sent]!, seq: sent, at: Math.round(now * 1000) / 1000 })
      if (sent === recorded.length) {
        clearInterval(timer)
        batcher.flush()
        resolve()
      }
    }, PRODUCER_TICK_MS)
  })
  const lastSentAt = performance.now()
  await delivery
  return { elapsedMs: lastSentAt - started, batches, lastSentAt }
}

function report(figures: {
  frames: FrameReport
  heapBefore: number
  heapAfter: number
  domNodes: number
  searches: Map<string, ActionTiming[]>
  filters: Map<string, ActionTiming[]>
  streamed: { elapsedMs: number; batches: number }
  settledMs: number
  context: BenchContext
}): Table {
  const { frames, searches, filters } = figures
  const deltas = frames.deltas
  const p95 = percentile(deltas, 95)
  const longTotal = frames.longTasks.reduce((sum, task) => sum + task.duration, 0)
  const longMax = Math.max(0, ...frames.longTasks.map((task) => task.duration))
  const MIB = 1024 * 1024
  const rows: string[][] = [
    ['frame interval p50 / p95 / p99 / max (ms)', `${fixed(percentile(deltas, 50))} / ${fixed(p95)} / ${fixed(percentile(deltas, 99))} / ${fixed(Math.max(...deltas))}`, `${deltas.length} frames while streaming`],
    ['frames over one 60 Hz frame (16.7 ms)', `${deltas.filter((delta) => delta > FRAME_BUDGET_MS + 1).length} of ${deltas.length}`, 'interval > 17.7 ms: at least one frame missed'],
    ['long tasks (> 50 ms)', `${frames.longTasks.length}, total ${fixed(longTotal, 0)} ms, longest ${fixed(longMax, 0)} ms`, 'PerformanceObserver longtask'],
    ['last event on screen after the last send', `${fixed(figures.settledMs, 0)} ms`, `${figures.streamed.batches} batches in ${fixed(figures.streamed.elapsedMs / 1000, 1)} s`],
    ['JS heap after streaming / after GC', `${fixed(figures.heapBefore / MIB, 1)} / ${fixed(figures.heapAfter / MIB, 1)} MiB`, `CDP Runtime.getHeapUsage; ${figures.domNodes} DOM nodes (virtualized list)`],
  ]
  for (const [query, timings] of searches) rows.push(actionRow(`search "${query}"`, timings))
  for (const [filter, timings] of filters) rows.push(actionRow(`filter: ${filter}`, timings))
  const searchWorst = Math.max(...[...searches.values()].map((timings) => median(timings.map((timing) => timing.domMs))))
  return {
    title: `3. Wire log in Chromium: ${UI_EVENTS.toLocaleString('en')} engine events at ${EVENTS_PER_SECOND.toLocaleString('en')}/s in batches of up to 500`,
    columns: ['measure', 'value', 'how'],
    rows,
    notes: [
      'the built renderer served over http with the real preload (e2e harness startApp); batches from the real wire batcher (main/services/session/wire-batcher.ts) delivered by an EventSink of the harness\'s shape (page.evaluate of __mailwireEmit, each batch as one JSON string parsed in the page, as IPC hands over a copy)',
      `search and filter: the toolbar's search box (one input event with the whole query) and filter radios, median of ${Math.max(figures.context.runs, 5)}; "DOM" = until the DOM shows the count / the new list height, "frame" = until the next frame after that`,
      `target: p95 frame interval at most one 60 Hz frame (${fixed(FRAME_BUDGET_MS)} ms; the issue says 16 ms): ${p95 <= FRAME_BUDGET_MS + 1 ? 'met' : 'MISSED'} (${fixed(p95)} ms); search at most ${TARGET_SEARCH_MS} ms: ${searchWorst <= TARGET_SEARCH_MS ? 'met' : 'MISSED'} (${fixed(searchWorst)} ms, slowest query)`,
    ],
  }
}

function actionRow(name: string, timings: ActionTiming[]): string[] {
  const dom = median(timings.map((timing) => timing.domMs))
  const frame = median(timings.map((timing) => timing.frameMs))
  return [name, `${fixed(dom)} ms DOM, ${fixed(frame)} ms frame`, `shows "${timings.at(-1)?.shown ?? ''}"`]
}
