// Rendering with a fresh store per test, and the little layout jsdom lacks: the
// virtualized log needs a viewport height and row heights to decide what to render.
import { afterEach } from 'vitest'
import { cleanup, render, type RenderResult } from '@testing-library/react'
import type { ReactElement } from 'react'
import { createAppStore, type AppStore } from '../../../renderer/src/store/app-store'
import { AppStoreProvider } from '../../../renderer/src/store/store-context'
import { LogStoreProvider } from '../../../renderer/src/store/log-store-context'
import { createFakeApi, type FakeApi, type FakeApiOptions } from './fake-api'

/** Height of the log's viewport in tests, and of each row. */
export const VIEWPORT_HEIGHT = 440
export const ROW_HEIGHT = 22

const isScroller = (element: Element) => (element as HTMLElement).dataset?.['testid'] === 'wire-log-scroller'
const clientSize = (name: 'clientHeight' | 'clientWidth', size: number) => {
  const original = Object.getOwnPropertyDescriptor(Element.prototype, name)!
  Object.defineProperty(HTMLElement.prototype, name, {
    configurable: true,
    get(this: HTMLElement) {
      return isScroller(this) ? size : original.get!.call(this)
    },
  })
}
// The virtualizer reads the viewport from clientHeight/clientWidth and row sizes from
// offsetHeight; jsdom lays nothing out and reports 0 for all of them.
clientSize('clientHeight', VIEWPORT_HEIGHT)
clientSize('clientWidth', 900)
// The scrollable height is the virtual canvas's height, as a browser would lay it out.
const scrollHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight')!
Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
  configurable: true,
  get(this: HTMLElement) {
    if (!isScroller(this)) return scrollHeight.get!.call(this)
    return parseFloat(this.querySelector<HTMLElement>('[data-testid=wire-canvas]')?.style.height ?? '0') || 0
  },
})
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return this.hasAttribute('data-index') ? ROW_HEIGHT : 0
  },
})
// jsdom has no Element.scrollTo; the virtualizer scrolls to a row with it.
Element.prototype.scrollTo = function (this: Element, options?: ScrollToOptions | number) {
  if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top
  this.dispatchEvent(new Event('scroll'))
} as Element['scrollTo']

afterEach(() => cleanup())

export interface Rendered extends RenderResult {
  store: AppStore
  api: FakeApi
}

export function renderWithStore(
  ui: ReactElement,
  options: { api?: FakeApi; apiOptions?: FakeApiOptions; wireLogCap?: number } = {},
): Rendered {
  const api = options.api ?? createFakeApi(options.apiOptions)
  const store = createAppStore({ api, ...(options.wireLogCap ? { wireLogCap: options.wireLogCap } : {}) })
  // A WireLog or ResultPanel rendered alone shows the live session, as in the Send view.
  const rendered = render(
    <AppStoreProvider store={store}>
      <LogStoreProvider store={store}>{ui}</LogStoreProvider>
    </AppStoreProvider>,
  )
  return { ...rendered, store, api }
}
