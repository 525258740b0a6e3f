// What runs inside the page to measure the wire log, as source text: functions handed to
// page.evaluate are serialized from the bundle, where a bundler may rename or wrap them;
// a string arrives exactly as written. It installs window.__benchProbe.
export interface FrameReport {
  /** requestAnimationFrame intervals while recording, ms. */
  deltas: number[]
  longTasks: Array<{ start: number; duration: number }>
}

export interface ActionTiming {
  /** From the input event until the DOM showed the result (React commits in the event). */
  domMs: number
  /** From the input event until the next frame after that (rAF, then a task). */
  frameMs: number
  /** What the DOM showed, to check the action did what was asked. */
  shown: string
}

export const PROBE_SOURCE = String.raw`
(() => {
  const ACTION_TIMEOUT_MS = 10000
  const state = { recording: false, deltas: [], longTasks: [], last: 0 }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (state.recording) state.longTasks.push({ start: entry.startTime, duration: entry.duration })
    }
  }).observe({ type: 'longtask', buffered: false })
  const tick = (now) => {
    if (!state.recording) return
    if (state.last) state.deltas.push(now - state.last)
    state.last = now
    requestAnimationFrame(tick)
  }
  const byTestId = (id) => document.querySelector('[data-testid="' + id + '"]')
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
  // Run an action, then wait until check() holds (at once: React commits discrete events
  // synchronously; else on the next DOM mutation), then until the next frame.
  const timed = async (action, check) => {
    const started = performance.now()
    action()
    let shown = check()
    if (shown === null) {
      shown = await new Promise((resolve) => {
        const giveUp = setTimeout(() => {
          observer.disconnect()
          resolve('TIMEOUT: the DOM never showed the result')
        }, ACTION_TIMEOUT_MS)
        const observer = new MutationObserver(() => {
          const now = check()
          if (now !== null) {
            clearTimeout(giveUp)
            observer.disconnect()
            resolve(now)
          }
        })
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
      })
    }
    const domMs = performance.now() - started
    await nextFrame()
    return { domMs, frameMs: performance.now() - started, shown }
  }
  const setSearch = (text) => {
    const input = byTestId('log-search')
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set
    setter.call(input, text)
    input.dispatchEvent(new Event('input', { bubbles: true }))
  }
  const searchCount = () => (byTestId('search-count')?.textContent ?? '').trim()
  const canvasHeight = () => document.querySelector('[data-testid=wire-canvas]')?.style.height ?? ''
  window.__benchProbe = {
    startFrames() {
      state.recording = true
      state.deltas = []
      state.longTasks = []
      state.last = 0
      requestAnimationFrame(tick)
    },
    stopFrames() {
      state.recording = false
      return { deltas: state.deltas, longTasks: state.longTasks }
    },
    lastSeq() {
      const rows = document.querySelectorAll('[data-testid="wire-row"]')
      return rows.length ? Number(rows[rows.length - 1].getAttribute('data-seq')) : -1
    },
    domNodes: () => document.getElementsByTagName('*').length,
    // The search box as a user fills it (one input event, as a paste), until the count shows.
    search: (text) =>
      timed(
        () => setSearch(text),
        () => {
          const count = searchCount()
          if (text === '') return count === '' ? '(cleared)' : null
          return count !== '' ? count : null
        },
      ),
    // The filter radio clicked, until the list's height reflects the new row count.
    filter: (value) => {
      const before = canvasHeight()
      return timed(
        () => byTestId('filter-' + value).click(),
        () =>
          byTestId('filter-' + value).checked && canvasHeight() !== before
            ? value + ', list ' + Math.round(parseFloat(canvasHeight()) || 0).toLocaleString('en') + ' px tall'
            : null,
      )
    },
  }
})()
`
