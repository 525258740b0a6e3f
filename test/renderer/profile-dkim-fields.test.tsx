// The profile editor's DKIM fields: the domain, selector, key file path and header list are
// saved as typed (the key itself never passes through the renderer, only its path).
import { describe, expect, it } from 'vitest'
import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { ProfileEditor } from '../../renderer/src/features/profiles/ProfileEditor'
import { ProfilePicker } from '../../renderer/src/features/profiles/ProfilePicker'
import { createFakeApi, testProfile } from './support/fake-api'
import { renderWithStore } from './support/render-app'

/** userEvent types key by key: on a loaded machine this takes longer than vitest's 5 s default. */
const TYPING_TEST_TIMEOUT_MS = 20_000

describe('profile editor: DKIM signing', () => {
  it('saves the DKIM settings, and opens with them shown', async () => {
    const user = userEvent.setup()
    const api = createFakeApi({ profiles: [testProfile({ dkimDomain: 'example.test', dkimSelector: 'old' })] })
    const rendered = renderWithStore(
      <>
        <ProfilePicker />
        <ProfileEditor />
      </>,
      { api },
    )
    await act(() => rendered.store.getState().loadProfiles())
    await user.click(screen.getByTestId('profile-edit'))
    expect(screen.getByTestId('profile-dkimDomain')).toHaveProperty('value', 'example.test')
    const selector = screen.getByTestId('profile-dkimSelector')
    await user.clear(selector)
    await user.type(selector, 'mw2026')
    await user.type(screen.getByTestId('profile-dkimKeyPath'), '/keys/dkim.pem')
    await user.type(screen.getByTestId('profile-dkimHeaders'), 'From,To,Subject')
    await user.click(screen.getByTestId('profile-save'))
    await waitFor(() => expect(api.calls.profilesSaved).toHaveLength(1))
    expect(api.calls.profilesSaved[0]).toMatchObject({ dkimDomain: 'example.test', dkimSelector: 'mw2026', dkimKeyPath: '/keys/dkim.pem', dkimHeaders: 'From,To,Subject' })
  }, TYPING_TEST_TIMEOUT_MS)
})
