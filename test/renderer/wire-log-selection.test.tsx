import { describe, expect, it } from 'vitest'
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { WireLog } from '../../renderer/src/features/wire-log/WireLog'
import { ComposeForm } from '../../renderer/src/features/compose/ComposeForm'
import { renderWithStore } from './support/render-app'
import { serverLine, wireEvent } from './support/wire-events'

const row = (seq: number) => screen.getAllByTestId('wire-row').find((element) => element.dataset['seq'] === String(seq))!

function renderSession() {
  const rendered = renderWithStore(<WireLog />)
  act(() =>
    rendered.store.getState().appendWireBatch({
      sessionId: 's1',
      events: [
        serverLine('220 mail.example.test ESMTP', { seq: 0, at: 3.2, phase: 'greeting', rtt: 3.2 }),
        wireEvent('client', 'EHLO client.test', { seq: 1, at: 4, phase: 'ehlo' }),
        serverLine('250-mail.example.test', { seq: 2, at: 5, phase: 'ehlo' }),
        serverLine('250 STARTTLS', { seq: 3, at: 5.1, phase: 'ehlo', rtt: 1.1 }),
        wireEvent('client', 'MAIL FROM:<a@example.test>', { seq: 4, at: 9, phase: 'mail', secure: true }),
      ],
    }),
  )
  return rendered
}

describe('wire log selection and copy', () => {
  it('selects rows with click and shift-click and copies them with Ctrl+C, in the CLI transcript form', async () => {
    const user = userEvent.setup()
    renderSession()
    await user.click(row(1))
    await user.keyboard('{Shift>}')
    await user.click(row(3))
    await user.keyboard('{/Shift}')
    expect([0, 1, 2, 3, 4].map((seq) => row(seq).getAttribute('aria-selected'))).toEqual(['false', 'true', 'true', 'true', 'false'])
    screen.getByTestId('wire-log-scroller').focus()
    await user.keyboard('{Control>}c{/Control}')
    await waitFor(() => expect(screen.getByTestId('wire-notice').textContent).toBe('Copied 3 lines'))
    expect(await navigator.clipboard.readText()).toBe(
      ['    4.0ms -> EHLO client.test', '    5.0ms <- 250-mail.example.test', '    5.1ms <- 250 STARTTLS  (1.1 ms)'].join('\n'),
    )
  })

  it('moves and extends the selection with the keyboard, and copies everything with Copy all', async () => {
    const user = userEvent.setup()
    renderSession()
    screen.getByTestId('wire-log-scroller').focus()
    await user.keyboard('{Home}{Shift>}{ArrowDown}{/Shift}')
    expect(screen.getAllByTestId('wire-row').filter((element) => element.getAttribute('aria-selected') === 'true')).toHaveLength(2)
    await user.keyboard('{Escape}')
    expect(screen.getAllByTestId('wire-row').some((element) => element.getAttribute('aria-selected') === 'true')).toBe(false)
    await user.click(screen.getByTestId('copy-all'))
    await waitFor(() => expect(screen.getByTestId('wire-notice').textContent).toBe('Copied 5 lines'))
    expect((await navigator.clipboard.readText()).split('\n').at(-1)).toBe('    9.0ms ~> MAIL FROM:<a@example.test>')
  })

  it('pauses auto-scroll when the user scrolls up, and resumes from "jump to latest"', async () => {
    const user = userEvent.setup()
    const { store } = renderSession()
    expect(screen.queryByTestId('jump-latest')).toBeNull()
    fireEvent.wheel(screen.getByTestId('wire-log-scroller'), { deltaY: -120 })
    expect(store.getState().wireLog.follow).toBe(false)
    await user.click(screen.getByTestId('jump-latest'))
    expect(store.getState().wireLog.follow).toBe(true)
    expect(screen.queryByTestId('jump-latest')).toBeNull()
  })
})

describe('attachments by drag and drop', () => {
  it('attaches files dropped on the form, with the path main gives for each', async () => {
    const { store } = renderWithStore(<ComposeForm />)
    const file = new File(['%PDF-1.7'], 'invoice.pdf', { type: 'application/pdf' })
    const compose = screen.getByTestId('compose')
    fireEvent.dragOver(compose, { dataTransfer: { types: ['Files'], files: [file], dropEffect: 'none' } })
    expect(compose.dataset['dragging']).toBe('true')
    fireEvent.drop(compose, { dataTransfer: { types: ['Files'], files: [file] } })
    expect(compose.dataset['dragging']).toBe('false')
    // Main asks the user to confirm a drop before it answers.
    await screen.findByTestId('attachment')
    expect(store.getState().compose.attachments).toEqual([{ id: expect.any(Number), path: '/dropped/invoice.pdf', name: 'invoice.pdf', size: 8 }])
    expect(screen.getByTestId('attachment').textContent).toContain('8 bytes')
  })
})
