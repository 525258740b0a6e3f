import { describe, expect, it } from 'vitest'
import { RowOffsets } from '../../renderer/src/features/wire-log/row-offsets'
import { ListViewport } from '../../renderer/src/features/wire-log/list-viewport'
import { bottomScrollTop, scrollTopFor, visibleRange } from '../../renderer/src/features/wire-log/windowing'
import { WireLogModel } from '../../renderer/src/store/wire-log-model'
import { manyEvents } from './support/wire-events'

const ROW = 22

describe('visible range', () => {
  const uniform = new RowOffsets(ROW)

  it('covers the viewport plus the overscan on each side, within the list', () => {
    // 440 px from row 100: rows 100..119 show.
    expect(visibleRange(uniform, 1000, 100 * ROW, 440, 5)).toEqual({ start: 95, end: 125 })
    expect(visibleRange(uniform, 1000, 0, 440, 5)).toEqual({ start: 0, end: 25 })
    expect(visibleRange(uniform, 10, 0, 440, 5)).toEqual({ start: 0, end: 10 })
    expect(visibleRange(uniform, 0, 0, 440, 5)).toEqual({ start: 0, end: 0 })
  })

  it('clamps a scroll offset past the end (the list just got shorter) to the last rows', () => {
    expect(visibleRange(uniform, 100, 50_000, 440, 0)).toEqual({ start: 80, end: 100 })
  })

  it('renders something before the viewport has a size', () => {
    expect(visibleRange(uniform, 1000, 0, 0, 3)).toEqual({ start: 0, end: 4 })
  })

  it('counts taller rows: fewer rows fill the viewport', () => {
    const offsets = new RowOffsets(ROW)
    offsets.setHeight(2, 200)
    // Rows 0, 1 (44 px), row 2 (200 px), then 196 px of one-line rows: 3..11.
    expect(visibleRange(offsets, 1000, 0, 440, 0)).toEqual({ start: 0, end: 12 })
    // Starting inside the tall row keeps it in the window.
    expect(visibleRange(offsets, 1000, 100, 440, 0).start).toBe(2)
  })
})

describe('scroll targets', () => {
  const offsets = new RowOffsets(ROW)
  offsets.setHeight(50, 100)

  it('pins to the end: the last row at the bottom of the viewport', () => {
    expect(bottomScrollTop(offsets, 100, 440)).toBe(100 * ROW + 78 - 440)
    expect(bottomScrollTop(offsets, 5, 440)).toBe(0)
  })

  it('centres a row', () => {
    expect(scrollTopFor(offsets, 100, 20, 'center', 0, 440)).toBe(20 * ROW + 11 - 220)
    // Near the ends the target is clamped to what the scroller can do.
    expect(scrollTopFor(offsets, 100, 1, 'center', 500, 440)).toBe(0)
    expect(scrollTopFor(offsets, 100, 99, 'center', 0, 440)).toBe(bottomScrollTop(offsets, 100, 440))
  })

  it('moves the least for "nearest", and not at all when the row shows', () => {
    expect(scrollTopFor(offsets, 100, 12, 'nearest', 10 * ROW, 440)).toBe(10 * ROW)
    expect(scrollTopFor(offsets, 100, 5, 'nearest', 10 * ROW, 440)).toBe(5 * ROW)
    expect(scrollTopFor(offsets, 100, 40, 'nearest', 10 * ROW, 440)).toBe(41 * ROW - 440)
    // A row taller than the viewport shows from its top.
    const tall = new RowOffsets(ROW)
    tall.setHeight(30, 1000)
    expect(scrollTopFor(tall, 100, 30, 'nearest', 0, 440)).toBe(30 * ROW)
  })
})

describe('list viewport', () => {
  function model(count: number) {
    const log = new WireLogModel()
    log.append(manyEvents(count))
    return log
  }

  it('keeps measured heights by event and places them for the current filter', () => {
    const log = model(100)
    const viewport = new ListViewport(ROW)
    viewport.sync(log, 0, true)
    // Events 10 (a command) and 11 (a reply) measured taller.
    viewport.measure(10, [10, 11], [40, 50], true)
    expect(viewport.offsets.offsetOf(12)).toBe(12 * ROW + 18 + 28)

    // Errors only: no row shows either event, so no extra height.
    log.setFilter('errors')
    viewport.sync(log, 0, true)
    expect(viewport.offsets.variableRows).toBe(0)

    // Back to everything: the heights come back, at the events' positions.
    log.setFilter('all')
    viewport.sync(log, 0, true)
    expect(viewport.offsets.heightOf(10)).toBe(40)
    expect(viewport.offsets.heightOf(11)).toBe(50)
    // With the "dropped" banner first, every event moves one position down.
    viewport.sync(log, 1, true)
    expect(viewport.offsets.heightOf(11)).toBe(40)
    expect(viewport.count).toBe(101)
  })

  it('forgets heights of dropped events and of a previous session', () => {
    const log = new WireLogModel(50)
    log.append(manyEvents(40))
    const viewport = new ListViewport(ROW)
    viewport.sync(log, 0, true)
    viewport.measure(5, [5, 6], [40, 40], true)
    log.append(manyEvents(20, 1000, 40))
    // Events 0..9 are dropped, and the heights measured for 5 and 6 with them.
    viewport.sync(log, 1, true)
    expect(viewport.offsets.variableRows).toBe(0)

    const other = model(10)
    viewport.measure(1, [11], [60], true)
    viewport.sync(other, 0, true)
    expect(viewport.offsets.variableRows).toBe(0)
  })

  it('moves the view with the rows when the cap drops rows from the front, unless following', () => {
    const log = new WireLogModel(1000)
    log.append(manyEvents(1000))
    const viewport = new ListViewport(ROW)
    viewport.sync(log, 0, false)
    viewport.measure(300, [300], [100], false)
    viewport.setScrollTop(800 * ROW + 78)
    expect(viewport.takeCorrection()).toBe(0)
    // 500 events dropped (row 300 among them); the banner takes the first row.
    log.append(manyEvents(500, 1000, 1000))
    viewport.sync(log, 1, false)
    expect(viewport.scrollTop).toBe(301 * ROW)
    expect(viewport.takeCorrection()).toBe(301 * ROW - (800 * ROW + 78))
    expect(viewport.takeCorrection()).toBe(0)
    // The same rows again: nothing moves twice.
    viewport.sync(log, 1, false)
    expect(viewport.takeCorrection()).toBe(0)
    // While following, the list pins to the end instead.
    viewport.setScrollTop(900 * ROW)
    log.append(manyEvents(100, 1000, 1500))
    viewport.sync(log, 1, true)
    expect(viewport.scrollTop).toBe(900 * ROW)
    expect(viewport.takeCorrection()).toBe(0)
  })

  it('counts only the dropped rows the filter showed', () => {
    // Every 10th event is a 550 reply: 100 error rows per 1,000 events.
    const log = new WireLogModel(1000)
    log.append(manyEvents(1000, 10))
    log.setFilter('errors')
    const viewport = new ListViewport(ROW)
    viewport.sync(log, 0, false)
    viewport.setScrollTop(80 * ROW)
    log.append(manyEvents(500, 10, 1000))
    expect(log.rowsDropped).toBe(50)
    viewport.sync(log, 1, false)
    // Row 80 is now row 30, after the banner.
    expect(viewport.scrollTop).toBe(31 * ROW)
    // A new filter is a new list: nothing to carry over.
    log.setFilter('all')
    expect(log.rowsDropped).toBe(0)
    viewport.sync(log, 1, false)
    expect(viewport.scrollTop).toBe(31 * ROW)
  })

  it('says how far to scroll so rows in view stay put when a row above them grows', () => {
    const log = model(200)
    const viewport = new ListViewport(ROW)
    viewport.sync(log, 0, true)
    viewport.setScrollTop(60 * ROW)
    // Row 50 is wholly above the viewport, row 70 inside it: only row 50 pushes the view.
    expect(viewport.measure(50, [50], [60], false)).toBe(38)
    expect(viewport.scrollTop).toBe(60 * ROW + 38)
    expect(viewport.measure(70, [70], [60], false)).toBe(0)
    // While following, the list pins to the end instead.
    expect(viewport.measure(40, [40], [60], true)).toBe(0)
  })

  it('ignores rows not laid out, and re-renders only when something changed', () => {
    const log = model(10)
    const viewport = new ListViewport(ROW)
    viewport.sync(log, 0, true)
    let renders = 0
    const unsubscribe = viewport.subscribe(() => renders++)
    viewport.measure(0, [0, 1, 2], [0, ROW, ROW], true)
    expect(renders).toBe(0)
    viewport.measure(0, [0], [30], true)
    expect(renders).toBe(1)
    viewport.setScrollTop(100, true)
    expect(renders).toBe(1)
    viewport.setScrollTop(120)
    viewport.setSize(440, 900)
    viewport.setSize(440, 900)
    expect(renders).toBe(3)
    expect(viewport.getVersion()).toBe(3)
    unsubscribe()
    viewport.setScrollTop(0)
    expect(renders).toBe(3)
  })
})
