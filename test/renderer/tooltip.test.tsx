import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { WireLog } from '../../renderer/src/features/wire-log/WireLog'
import { renderWithStore } from './support/render-app'
import { serverLine } from './support/wire-events'

// jsdom lays nothing out: the window is given a size, and the badge a box that moves as
// the log would move it when it scrolls.
const VIEWPORT = { clientWidth: 1000, clientHeight: 800 }
beforeEach(() => {
  for (const [name, value] of Object.entries(VIEWPORT)) {
    Object.defineProperty(document.documentElement, name, { configurable: true, value })
  }
})
afterEach(() => {
  for (const name of Object.keys(VIEWPORT)) Reflect.deleteProperty(document.documentElement, name)
})

function placeAt(element: HTMLElement, top: number, left = 100) {
  element.getBoundingClientRect = () => DOMRect.fromRect({ x: left, y: top, width: 30, height: 18 })
}

const translation = (tooltip: HTMLElement) => /translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec(tooltip.style.transform)?.slice(1).map(Number)

describe('reply code tooltip', () => {
  it('stays on its badge when the log scrolls or the window is resized', async () => {
    const user = userEvent.setup()
    const { store } = renderWithStore(<WireLog />)
    act(() => store.getState().appendWireBatch({ sessionId: 's1', events: [serverLine('550 5.1.1 <nobody@example.com>: Recipient address rejected')] }))
    const badge = within(screen.getByTestId('wire-row')).getByTestId('reply-badge')
    placeAt(badge, 100)
    await user.hover(badge)
    const tooltip = screen.getByRole('tooltip')
    // Under the badge (its bottom, 118 px, and a 6 px gap), from its left edge.
    await waitFor(() => expect(translation(tooltip)).toEqual([100, 124]))

    placeAt(badge, 300)
    act(() => void window.dispatchEvent(new Event('scroll')))
    await waitFor(() => expect(translation(tooltip)).toEqual([100, 324]))

    placeAt(badge, 200, 400)
    act(() => void window.dispatchEvent(new Event('resize')))
    await waitFor(() => expect(translation(tooltip)).toEqual([400, 224]))
  })

  it('goes above the badge when there is no room below', async () => {
    const user = userEvent.setup()
    const { store } = renderWithStore(<WireLog />)
    act(() => store.getState().appendWireBatch({ sessionId: 's1', events: [serverLine('421 4.3.2 Service shutting down')] }))
    const badge = within(screen.getByTestId('wire-row')).getByTestId('reply-badge')
    placeAt(badge, 790)
    await user.hover(badge)
    const tooltip = screen.getByRole('tooltip')
    Object.defineProperties(tooltip, { offsetWidth: { value: 200 }, offsetHeight: { value: 40 } })
    act(() => void window.dispatchEvent(new Event('resize')))
    // 790 - 6 px gap - 40 px tall.
    await waitFor(() => expect(translation(tooltip)?.[1]).toBe(744))
  })
})
