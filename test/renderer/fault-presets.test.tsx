// The local inbox's fault presets: a toggle applies the preset with the value typed beside
// it; a changed value of a preset that is on applies when the field is left (or on Enter);
// a value typed while the preset is off waits for the toggle.
import { describe, expect, it } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { FaultPresets } from '../../renderer/src/features/inbox/FaultPresets'
import { renderWithStore } from './support/render-app'

describe('fault presets', () => {
  it('applies toggles with their values, and changed values on Enter or when the field is left', async () => {
    const user = userEvent.setup()
    const { api } = renderWithStore(<FaultPresets />)

    // Off: typing a value applies nothing.
    const delay = screen.getByTestId('fault-slowReplies-value')
    await user.clear(delay)
    await user.type(delay, '750')
    await user.tab()
    expect(api.calls.faultsSet).toEqual([])

    await user.click(screen.getByTestId('fault-slowReplies-toggle'))
    await waitFor(() => expect(api.calls.faultsSet).toEqual([{ slowReplies: 750 }]))
    expect(screen.getByTestId('fault-slowReplies').getAttribute('data-on')).toBe('true')

    // On: a new value applies on Enter, an unchanged one does not apply again.
    await user.clear(delay)
    await user.type(delay, '1200{Enter}')
    await waitFor(() => expect(api.calls.faultsSet.at(-1)).toEqual({ slowReplies: 1200 }))
    await user.click(delay)
    await user.tab()
    expect(api.calls.faultsSet).toHaveLength(2)

    const pattern = screen.getByTestId('fault-refuseRecipient-value')
    expect((pattern as HTMLInputElement).value).toBe('reject*')
    await user.click(screen.getByTestId('fault-refuseRecipient-toggle'))
    await waitFor(() => expect(api.calls.faultsSet.at(-1)).toEqual({ slowReplies: 1200, refuseRecipient: 'reject*' }))
    await user.clear(pattern)
    await user.type(pattern, 'nobody')
    await user.tab()
    await waitFor(() => expect(api.calls.faultsSet.at(-1)).toEqual({ slowReplies: 1200, refuseRecipient: 'nobody' }))

    const cut = screen.getByTestId('fault-disconnectMidData-value')
    expect((cut as HTMLInputElement).value).toBe('1024')
    await user.click(screen.getByTestId('fault-disconnectMidData-toggle'))
    await waitFor(() => expect(api.calls.faultsSet.at(-1)).toEqual({ slowReplies: 1200, refuseRecipient: 'nobody', disconnectMidData: 1024 }))

    // Off again: the preset is removed from what main gets.
    await user.click(screen.getByTestId('fault-slowReplies-toggle'))
    await waitFor(() => expect(api.calls.faultsSet.at(-1)).toEqual({ refuseRecipient: 'nobody', disconnectMidData: 1024 }))
  })
})
