import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, fireEvent, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { TlsInfo, WireEvent } from '../../preload/contract'
import { WireLog } from '../../renderer/src/features/wire-log/WireLog'
import type { AppStore } from '../../renderer/src/store/app-store'
import { renderWithStore, ROW_HEIGHT, VIEWPORT_HEIGHT } from './support/render-app'
import { manyEvents, wireEvent } from './support/wire-events'

// jsdom lays nothing out: rows report the heights a browser would give them. One line is
// ROW_HEIGHT; the TLS boundary is taller, and taller still with its details open.
const TLS_ROW = 60
const TLS_OPEN_ROW = 200
const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight')!
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      if (this.dataset['testid'] !== 'wire-row') return original.get!.call(this)
      if (this.dataset['kind'] !== 'tls') return ROW_HEIGHT
      return this.querySelector('[data-testid=tls-details]') ? TLS_OPEN_ROW : TLS_ROW
    },
  })
})
afterEach(() => Object.defineProperty(HTMLElement.prototype, 'offsetHeight', original))

const tls: TlsInfo = {
  protocol: 'TLSv1.3',
  cipher: 'TLS_AES_256_GCM_SHA384',
  certificates: [],
  authorized: true,
  verificationSkipped: false,
  mode: 'starttls',
}

const scroller = () => screen.getByTestId('wire-log-scroller')
const canvasHeight = () => parseFloat(screen.getByTestId('wire-canvas')!.style.height)
const renderedSeqs = () => screen.getAllByTestId('wire-row').map((row) => Number(row.dataset['seq']))
/** Sequence numbers of the rows inside the viewport, from where the list placed its window. */
function seqsInView(): number[] {
  const window = screen.getByTestId('wire-window')
  let top = parseFloat(/translateY\(([-\d.]+)px\)/.exec(window.style.transform)![1]!)
  const from = scroller().scrollTop
  const seqs: number[] = []
  for (const row of screen.getAllByTestId('wire-row')) {
    const height = row.offsetHeight
    if (top + height > from && top < from + VIEWPORT_HEIGHT) seqs.push(Number(row.dataset['seq']))
    top += height
  }
  return seqs
}

function append(store: AppStore, events: WireEvent[]) {
  act(() => store.getState().appendWireBatch({ sessionId: 's1', events }))
}

describe('wire log auto-scroll', () => {
  it('follows the end as batches arrive, pauses when the user scrolls up, and resumes from "jump to latest"', async () => {
    const user = userEvent.setup()
    const { store } = renderWithStore(<WireLog />)
    append(store, manyEvents(500))
    expect(renderedSeqs().at(-1)).toBe(499)
    expect(scroller().scrollTop).toBe(500 * ROW_HEIGHT - VIEWPORT_HEIGHT)
    append(store, manyEvents(500, 1000, 500))
    expect(renderedSeqs().at(-1)).toBe(999)
    expect(seqsInView().at(-1)).toBe(999)
    expect(scroller().scrollTop).toBe(1000 * ROW_HEIGHT - VIEWPORT_HEIGHT)

    // A wheel turn up leaves the end; then the user scrolls to row 300.
    fireEvent.wheel(scroller(), { deltaY: -120 })
    act(() => scroller().scrollTo({ top: 300 * ROW_HEIGHT }))
    expect(store.getState().wireLog.follow).toBe(false)
    expect(seqsInView()[0]).toBe(300)
    append(store, manyEvents(500, 1000, 1000))
    // New lines do not move what the user reads.
    expect(scroller().scrollTop).toBe(300 * ROW_HEIGHT)
    expect(seqsInView()[0]).toBe(300)
    expect(screen.queryAllByTestId('wire-row').some((row) => row.dataset['seq'] === '1499')).toBe(false)

    await user.click(screen.getByTestId('jump-latest'))
    expect(store.getState().wireLog.follow).toBe(true)
    expect(seqsInView().at(-1)).toBe(1499)
    expect(scroller().scrollTop).toBe(1500 * ROW_HEIGHT - VIEWPORT_HEIGHT)
  })

  it('pauses on a scrollbar drag away from the end and resumes when it reaches the end again', () => {
    const { store } = renderWithStore(<WireLog />)
    append(store, manyEvents(1000))
    fireEvent.pointerDown(scroller())
    act(() => scroller().scrollTo({ top: 100 }))
    expect(store.getState().wireLog.follow).toBe(false)
    act(() => scroller().scrollTo({ top: 1000 * ROW_HEIGHT - VIEWPORT_HEIGHT }))
    fireEvent.pointerUp(scroller())
    expect(store.getState().wireLog.follow).toBe(true)
  })

  it('keeps the rows the user reads in view while the cap drops older ones', () => {
    const { store } = renderWithStore(<WireLog />, { wireLogCap: 1000 })
    append(store, manyEvents(1000))
    fireEvent.wheel(scroller(), { deltaY: -120 })
    act(() => scroller().scrollTo({ top: 800 * ROW_HEIGHT }))
    expect(seqsInView()[0]).toBe(800)
    append(store, manyEvents(500, 1000, 1000))
    expect(store.getState().wireLog.model.dropped).toBe(500)
    expect(seqsInView()[0]).toBe(800)
    expect(scroller().scrollTop).toBe((800 - 500 + 1) * ROW_HEIGHT)
  })

  it('goes to the first and last rows with Home and End', async () => {
    const user = userEvent.setup()
    const { store } = renderWithStore(<WireLog />)
    append(store, manyEvents(1000))
    scroller().focus()
    await user.keyboard('{Home}')
    expect(store.getState().wireLog.follow).toBe(false)
    expect(scroller().scrollTop).toBe(0)
    expect(seqsInView()[0]).toBe(0)
    await user.keyboard('{End}')
    expect(seqsInView().at(-1)).toBe(999)
  })
})

describe('wire log rows taller than one line', () => {
  function renderWithTls(store?: AppStore) {
    const rendered = store ? undefined : renderWithStore(<WireLog />)
    const target = store ?? rendered!.store
    const events = manyEvents(200)
    events[50] = wireEvent('tls', 'TLS handshake complete', { seq: 50, phase: 'starttls', tls })
    append(target, events)
    return target
  }

  it('measures the TLS boundary once rendered and lays out the rows after it', async () => {
    const user = userEvent.setup()
    const store = renderWithTls()
    // Not rendered yet (the view is at the end): estimated one line.
    expect(canvasHeight()).toBe(200 * ROW_HEIGHT)
    fireEvent.wheel(scroller(), { deltaY: -120 })
    act(() => scroller().scrollTo({ top: 45 * ROW_HEIGHT }))
    expect(canvasHeight()).toBe(200 * ROW_HEIGHT + TLS_ROW - ROW_HEIGHT)
    expect(seqsInView()).toContain(50)

    // Details open: the list grows by the difference; what is below moves down with it.
    await user.click(screen.getByTestId('tls-details-toggle'))
    expect(canvasHeight()).toBe(200 * ROW_HEIGHT + TLS_OPEN_ROW - ROW_HEIGHT)
    expect(scroller().scrollTop).toBe(45 * ROW_HEIGHT)
    await user.click(screen.getByTestId('tls-details-toggle'))
    expect(canvasHeight()).toBe(200 * ROW_HEIGHT + TLS_ROW - ROW_HEIGHT)
    expect(store.getState().wireLog.tlsOpen.size).toBe(0)
  })

  it('keeps the rows in view in place when a row above them turns out taller', () => {
    const store = renderWithTls()
    fireEvent.wheel(scroller(), { deltaY: -120 })
    // Row 60 at the top: row 50 is rendered above the viewport (overscan) and measured.
    act(() => scroller().scrollTo({ top: 60 * ROW_HEIGHT }))
    expect(scroller().scrollTop).toBe(60 * ROW_HEIGHT + TLS_ROW - ROW_HEIGHT)
    expect(seqsInView()[0]).toBe(60)
    expect(store.getState().wireLog.follow).toBe(false)
  })

  it('pins the last row to the bottom when the last rows are taller', () => {
    const { store } = renderWithStore(<WireLog />)
    const events = manyEvents(100)
    events[99] = wireEvent('tls', 'TLS handshake complete', { seq: 99, phase: 'starttls', tls })
    append(store, events)
    expect(canvasHeight()).toBe(99 * ROW_HEIGHT + TLS_ROW)
    expect(scroller().scrollTop).toBe(99 * ROW_HEIGHT + TLS_ROW - VIEWPORT_HEIGHT)
    expect(seqsInView().at(-1)).toBe(99)
  })
})
