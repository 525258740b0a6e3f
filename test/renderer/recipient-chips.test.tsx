import { describe, expect, it } from 'vitest'
import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { RecipientField } from '../../renderer/src/features/compose/RecipientField'
import { renderWithStore } from './support/render-app'

const chipTexts = () => screen.queryAllByTestId('chip').map((chip) => chip.querySelector('[data-testid=chip-text]')!.textContent)

describe('recipient chips', () => {
  it('turns typed addresses into chips on Enter and on comma', async () => {
    const user = userEvent.setup()
    const { store } = renderWithStore(<RecipientField field="to" />)
    const input = screen.getByTestId('to-input')
    await user.type(input, 'alice@example.com{Enter}')
    await user.type(input, 'bob@example.org,')
    expect(chipTexts()).toEqual(['alice@example.com', 'bob@example.org'])
    expect(input).toHaveProperty('value', '')
    expect(store.getState().compose.to.map((chip) => chip.address)).toEqual(['alice@example.com', 'bob@example.org'])
  })

  it('splits a pasted list on commas, semicolons and line breaks, keeping quoted names whole', async () => {
    const user = userEvent.setup()
    const { store } = renderWithStore(<RecipientField field="to" />)
    await user.click(screen.getByTestId('to-input'))
    await user.paste('a@example.com; "Doe, Jane" <jane@example.com>\nBob <bob@example.org>, c@example.net')
    expect(chipTexts()).toEqual(['a@example.com', '"Doe, Jane" <jane@example.com>', 'Bob <bob@example.org>', 'c@example.net'])
    const jane = store.getState().compose.to[1]!
    expect(jane).toMatchObject({ name: 'Doe, Jane', address: 'jane@example.com' })
    expect(jane.error).toBeUndefined()
  })

  it('marks invalid entries inline with the reason, and keeps them', async () => {
    const user = userEvent.setup()
    renderWithStore(<RecipientField field="to" />)
    await user.click(screen.getByTestId('to-input'))
    await user.paste('good@example.com, two@@example.com, no-at-sign, has space@example.com, x@[bad, ok@例え.jp')
    const chips = screen.getAllByTestId('chip')
    expect(chips.map((chip) => chip.dataset['valid'])).toEqual(['true', 'false', 'false', 'false', 'false', 'true'])
    expect(within(chips[1]!).getByTestId('chip-error').textContent).toBe('the address has more than one @')
    expect(within(chips[2]!).getByTestId('chip-error').textContent).toBe('the address has no @')
    expect(within(chips[3]!).getByTestId('chip-error').textContent).toBe('the address contains a space')
    expect(within(chips[4]!).getByTestId('chip-error').textContent).toBe('the domain contains a bracket')
    expect(chips[1]!.getAttribute('aria-label')).toContain('invalid: the address has more than one @')
  })

  it('removes the last chip with Backspace in the empty input', async () => {
    const user = userEvent.setup()
    renderWithStore(<RecipientField field="to" />)
    const input = screen.getByTestId('to-input')
    await user.type(input, 'a@example.com,b@example.com,c@exam')
    expect(chipTexts()).toEqual(['a@example.com', 'b@example.com'])
    await user.type(input, '{Backspace}'.repeat('c@exam'.length))
    expect(input).toHaveProperty('value', '')
    expect(chipTexts()).toEqual(['a@example.com', 'b@example.com'])
    await user.keyboard('{Backspace}')
    expect(chipTexts()).toEqual(['a@example.com'])
  })

  it('lets the keyboard reach a chip and remove it with Delete', async () => {
    const user = userEvent.setup()
    renderWithStore(<RecipientField field="to" />)
    const input = screen.getByTestId('to-input')
    await user.type(input, 'a@example.com,b@example.com,c@example.com,')
    await user.keyboard('{ArrowLeft}')
    expect(document.activeElement).toBe(screen.getAllByTestId('chip')[2])
    await user.keyboard('{ArrowLeft}{Delete}')
    expect(chipTexts()).toEqual(['a@example.com', 'c@example.com'])
    await user.click(screen.getAllByTestId('chip-remove')[0]!)
    expect(chipTexts()).toEqual(['c@example.com'])
  })

  it('commits what was typed when the field loses focus', async () => {
    const user = userEvent.setup()
    renderWithStore(
      <>
        <RecipientField field="to" />
        <button type="button">elsewhere</button>
      </>,
    )
    await user.type(screen.getByTestId('to-input'), 'late@example.com')
    await user.click(screen.getByText('elsewhere'))
    expect(chipTexts()).toEqual(['late@example.com'])
  })

  it("shows the main process's verdict on a chip when it refused the send", () => {
    const { store } = renderWithStore(<RecipientField field="to" />)
    act(() => {
      store.getState().addRecipients('to', 'a@example.com, b@example.com')
      store.getState().setFieldErrors({ 'to[1]': 'the domain has no mail server' })
    })
    const chips = screen.getAllByTestId('chip')
    expect(chips.map((chip) => chip.dataset['valid'])).toEqual(['true', 'false'])
    expect(within(chips[1]!).getByTestId('chip-error').textContent).toBe('the domain has no mail server')
  })
})
