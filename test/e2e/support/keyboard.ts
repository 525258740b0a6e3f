// Keyboard-only driving for the e2e tests (issue 21, point 2): every step is a key press,
// and after each the focus is checked: on an element (never lost to the page body) and
// visibly marked (:focus-visible with an outline, on the element or the label around it).
// A recorder in the page also catches focus lost between steps, when a view or a panel
// replaced the focused element by itself (a reply arriving, a dialog closing).
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

export interface FocusState {
  /** Where the focus is: the element's data-testid, else its tag, role and name. */
  where: string
  testId: string | null
  lost: boolean
  visible: boolean
}

/** The page's globals the recorder keeps (the e2e project is typed without the DOM library). */
type RecorderGlobals = { __focusLosses?: string[] }

/** Installs the recorder of lost focus; call once after startApp. */
export async function recordFocusLosses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as RecorderGlobals & {
      document: {
        activeElement: { isConnected: boolean } | null
        body: unknown
        addEventListener(type: string, listener: (event: { target: unknown }) => void, capture: boolean): void
      }
      MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void }
      setTimeout(callback: () => void, ms: number): void
    }
    if (scope.__focusLosses) return
    const losses: string[] = []
    scope.__focusLosses = losses
    type Described = { isConnected: boolean; getAttribute(name: string): string | null; tagName: string; textContent: string | null }
    let last: Described | undefined
    const describe = (element: Described) =>
      element.getAttribute('data-testid') ?? `${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}"`
    const check = () => {
      const active = scope.document.activeElement
      if (last && (active === null || active === scope.document.body)) {
        losses.push(`${describe(last)}${last.isConnected ? ' (blurred)' : ' (removed)'}`)
        last = undefined
      }
    }
    scope.document.addEventListener('focusin', (event) => (last = event.target as Described), true)
    // Blurred by becoming disabled or hidden: the focus goes to the body after the event.
    scope.document.addEventListener('focusout', () => scope.setTimeout(check, 0), true)
    // Removed while focused: no event at all, only the DOM change.
    new scope.MutationObserver(check).observe(scope.document.body, { childList: true, subtree: true })
  })
}

/** Every time the focus fell to the page body since the recorder started. */
export function focusLosses(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((globalThis as unknown as RecorderGlobals).__focusLosses ?? [])])
}

/** Where the focus is and whether it is marked. */
export function focusState(page: Page): Promise<FocusState> {
  return page.evaluate(() => {
    type El = {
      tagName: string
      textContent: string | null
      parentElement: El | null
      getAttribute(name: string): string | null
      matches(selector: string): boolean
      closest(selector: string): El | null
      getBoundingClientRect(): { width: number; height: number }
    }
    const scope = globalThis as unknown as {
      document: { activeElement: El | null; body: El }
      getComputedStyle(element: El): { outlineStyle: string; outlineWidth: string; boxShadow: string }
    }
    const active = scope.document.activeElement
    if (!active || active === scope.document.body) return { where: 'body', testId: null, lost: true, visible: false }
    const testId = active.getAttribute('data-testid')
    const name = active.getAttribute('aria-label') ?? (active.textContent ?? '').trim().slice(0, 40)
    const where = testId ?? `${active.tagName.toLowerCase()}${active.getAttribute('role') ? `[${active.getAttribute('role')}]` : ''} "${name}"`
    // The mark is an outline on the element or, for a visually hidden radio, on its label;
    // or a ring (box-shadow) on the box around it, as the recipient field draws with
    // :focus-within around its chips and input.
    const outlined = (element: El | null) => {
      if (!element) return false
      const style = scope.getComputedStyle(element)
      const box = element.getBoundingClientRect()
      return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 && box.width > 1 && box.height > 1
    }
    const ringed = (element: El | null) => element !== null && element.matches(':focus-within') && scope.getComputedStyle(element).boxShadow !== 'none'
    const parent = active.parentElement
    const marked = outlined(active) || outlined(active.closest('label')) || ringed(parent) || ringed(parent?.parentElement ?? null)
    return { where, testId, lost: false, visible: active.matches(':focus-visible') && marked }
  })
}

/** Fails unless the focus is on an element and visibly marked; returns where it is. */
export async function expectVisibleFocus(page: Page, after: string): Promise<FocusState> {
  const state = await focusState(page)
  expect(state.lost, `focus lost after ${after}`).toBe(false)
  expect(state.visible, `focus not visible on ${state.where} after ${after}`).toBe(true)
  return state
}

/** Presses a key (or chord), then checks the focus. */
export async function press(page: Page, key: string): Promise<FocusState> {
  await page.keyboard.press(key)
  return expectVisibleFocus(page, key)
}

/** Types text key by key into whatever has the focus. */
export async function type(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text)
  await expectVisibleFocus(page, `typing "${text}"`)
}

/** Replaces the focused field's text: select all, then type. */
export async function retype(page: Page, text: string): Promise<void> {
  await press(page, 'Control+A')
  await type(page, text)
}

/**
 * Tabs (or Shift+Tabs) until the element with this data-testid has the focus, checking the
 * focus at every stop; fails after `max` presses.
 */
export async function tabTo(page: Page, testId: string, options: { backwards?: boolean; max?: number } = {}): Promise<void> {
  const key = options.backwards ? 'Shift+Tab' : 'Tab'
  const stops: string[] = []
  for (let presses = 0; presses < (options.max ?? 60); presses++) {
    const state = await press(page, key)
    if (state.testId === testId) return
    stops.push(state.where)
  }
  throw new Error(`${testId} not reached with ${key}; stops: ${stops.join(', ')}`)
}
