// The view tabs from the keyboard: only the selected tab is in the Tab order, so the
// arrow keys, Home and End must reach the others (and show their view).
import { describe, expect, it } from 'vitest'
import { act, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { ViewTabs } from '../../renderer/src/app/ViewTabs'
import { renderWithStore } from './support/render-app'

describe('view tabs', () => {
  it('moves between views with the arrow keys, Home and End, focus following', async () => {
    const user = userEvent.setup()
    const { store } = renderWithStore(<ViewTabs />)
    const sendTab = screen.getByRole('tab', { name: 'Send' })
    expect(screen.getAllByRole('tab').filter((tab) => tab.tabIndex === 0)).toEqual([sendTab])
    act(() => sendTab.focus())

    await user.keyboard('{ArrowRight}')
    expect(store.getState().view).toBe('inbox')
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Inbox' }))
    expect(screen.getByRole('tab', { name: 'Inbox' }).getAttribute('aria-selected')).toBe('true')

    await user.keyboard('{End}')
    expect(store.getState().view).toBe('probe')
    await user.keyboard('{ArrowRight}')
    expect(store.getState().view).toBe('send')
    await user.keyboard('{ArrowLeft}')
    expect(store.getState().view).toBe('probe')
    await user.keyboard('{Home}')
    expect(store.getState().view).toBe('send')
    expect(document.activeElement).toBe(sendTab)
  })
})
