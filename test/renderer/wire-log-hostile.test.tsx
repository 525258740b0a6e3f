import { describe, expect, it } from 'vitest'
import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { WireLog } from '../../renderer/src/features/wire-log/WireLog'
import { LINE_CUT_LENGTH } from '../../renderer/src/features/wire-log/visible-text'
import { renderWithStore } from './support/render-app'
import { serverLine, wireEvent } from './support/wire-events'

function renderLog(...texts: string[]) {
  const rendered = renderWithStore(<WireLog />)
  act(() =>
    rendered.store.getState().appendWireBatch({
      sessionId: 's1',
      events: texts.map((text, seq) => serverLine(text, { seq })),
    }),
  )
  return rendered
}

const rowText = (seq: number) => screen.getAllByTestId('wire-row').find((row) => row.dataset['seq'] === String(seq))!

describe('wire log with hostile server text', () => {
  it('shows HTML as text, never as markup', () => {
    const { container } = renderLog('550 5.7.1 <img src=x onerror=alert(1)><script>alert(2)</script><b>bold</b>')
    expect(container.querySelector('img, script, b')).toBeNull()
    expect(document.querySelector('img, script')).toBeNull()
    expect(rowText(0).textContent).toContain('<img src=x onerror=alert(1)><script>alert(2)</script><b>bold</b>')
  })

  it('makes ANSI escapes, NUL, DEL and C1 controls visible as labelled stand-ins', () => {
    renderLog('250 \u001b[31mred\u001b[0m', '250 a\u0000b\u007fc', '250 next\u0085line')
    const ansi = rowText(0)
    expect(ansi.textContent).not.toContain('\u001b')
    const escapes = within(ansi).getAllByTestId('control-char')
    expect(escapes.map((e) => e.textContent)).toEqual(['ESC', 'ESC'])
    expect(escapes[0]!.getAttribute('aria-label')).toBe('ESC (U+001B)')
    expect(ansi.textContent).toContain('[31mred')

    const nul = rowText(1)
    expect(nul.textContent).not.toMatch(/[\u0000\u007f]/)
    expect(within(nul).getAllByTestId('control-char').map((e) => e.getAttribute('aria-label'))).toEqual([
      'NUL (U+0000)',
      'DEL (U+007F)',
    ])

    const c1 = rowText(2)
    expect(c1.textContent).not.toContain('\u0085')
    expect(within(c1).getByTestId('control-char').getAttribute('aria-label')).toBe('C1 control U+0085')
  })

  it('shows bidirectional overrides and isolates instead of letting them reorder the line', () => {
    renderLog('250 invoice\u202Efdp.exe', '250 \u2066isolated\u2069 \u200Fmark')
    const override = rowText(0)
    expect(override.textContent).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/)
    expect(within(override).getByTestId('control-char').textContent).toBe('RLO')
    expect(within(rowText(1)).getAllByTestId('control-char').map((e) => e.textContent)).toEqual(['LRI', 'PDI', 'RLM'])
  })

  it('cuts a 300 kB line and expands it on request', async () => {
    const user = userEvent.setup()
    const long = `250 ${'A'.repeat(300_000)}`
    renderLog(long)
    const row = rowText(0)
    expect(row.textContent!.length).toBeLessThan(LINE_CUT_LENGTH + 200)
    const expand = within(row).getByTestId('expand-line')
    expect(expand.textContent).toBe(`… ${(long.length - 3 - LINE_CUT_LENGTH).toLocaleString('en')} more characters, show all`)
    expect(expand.getAttribute('aria-expanded')).toBe('false')
    await user.click(expand)
    expect(rowText(0).textContent).toContain('A'.repeat(300_000))
    await user.click(within(rowText(0)).getByTestId('expand-line'))
    expect(rowText(0).textContent!.length).toBeLessThan(LINE_CUT_LENGTH + 200)
  })

  it('keeps the code badge separate from the text and explains it in a tooltip on hover and focus', async () => {
    const user = userEvent.setup()
    renderLog('550 5.1.1 <nobody@example.com>: Recipient address rejected')
    const badge = within(rowText(0)).getByTestId('reply-badge')
    expect(badge.textContent).toBe('550')
    expect(screen.queryByRole('tooltip')).toBeNull()

    await user.hover(badge)
    const tooltip = screen.getByRole('tooltip')
    expect(badge.getAttribute('aria-describedby')).toBe(tooltip.id)
    expect(tooltip.textContent).toContain('mailbox unavailable')
    expect(tooltip.textContent).toContain('5.1.1')
    await user.unhover(badge)
    expect(screen.queryByRole('tooltip')).toBeNull()

    act(() => badge.focus())
    expect(screen.getByRole('tooltip').textContent).toContain('550')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('tooltip')).toBeNull()
  })

  it('marks direction with markers that change once the line travels inside TLS', () => {
    const { store } = renderWithStore(<WireLog />)
    act(() =>
      store.getState().appendWireBatch({
        sessionId: 's1',
        events: [
          wireEvent('client', 'EHLO a', { seq: 0 }),
          serverLine('250 ok', { seq: 1 }),
          wireEvent('client', 'EHLO a', { seq: 2, secure: true }),
          serverLine('250 ok', { seq: 3, secure: true }),
          wireEvent('error', 'connection reset', { seq: 4 }),
          wireEvent('info', 'connected', { seq: 5 }),
        ],
      }),
    )
    const markers = screen.getAllByTestId('wire-row').map((row) => row.querySelector('[data-testid=wire-marker]')!.textContent)
    expect(markers).toEqual(['→', '←', '⇝', '⇜', '✖', '•'])
    const locked = screen.getAllByTestId('wire-row').map((row) => row.querySelector('[data-testid=wire-marker] [data-testid=marker-lock]') !== null)
    expect(locked).toEqual([false, false, true, true, false, false])
  })
})
