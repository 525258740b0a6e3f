// The profile editor's connection and identity fields: plain settings saved as typed,
// "default" saved as absent, and the secrets write-only (never shown, sent only when typed).
import { describe, expect, it } from 'vitest'
import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { ProfileEditor } from '../../renderer/src/features/profiles/ProfileEditor'
import { ProfilePicker } from '../../renderer/src/features/profiles/ProfilePicker'
import { createFakeApi, testProfile, type FakeApiOptions } from './support/fake-api'
import { renderWithStore } from './support/render-app'

async function renderPicker(options: FakeApiOptions = {}) {
  const api = createFakeApi(options)
  const rendered = renderWithStore(
    <>
      <ProfilePicker />
      <ProfileEditor />
    </>,
    { api },
  )
  await act(() => rendered.store.getState().loadProfiles())
  return rendered
}

describe('profile editor: connection and identity', () => {
  it('saves the settings and a typed token; a stored token is never shown', async () => {
    const user = userEvent.setup()
    const { api } = await renderPicker({ profiles: [testProfile({ username: 'me', hasOauthToken: true, proxyUrl: 'socks5://relay@127.0.0.1:1080' })] })
    await user.click(screen.getByTestId('profile-edit'))
    // Opened by itself: the profile has a connection setting.
    expect(screen.getByTestId('profile-proxyUrl')).toHaveProperty('value', 'socks5://relay@127.0.0.1:1080')
    const token = screen.getByTestId('profile-oauthToken') as HTMLInputElement
    expect(token.value).toBe('')
    expect(token.type).toBe('password')
    expect(token.placeholder).toContain('stored')

    await user.selectOptions(screen.getByTestId('profile-authMechanism'), 'OAUTHBEARER')
    await user.selectOptions(screen.getByTestId('profile-tlsMinVersion'), '1.0')
    await user.type(screen.getByTestId('profile-localAddress'), '127.0.0.2')
    await user.selectOptions(screen.getByTestId('profile-proxyProtocol'), 'v2')
    await user.click(screen.getByTestId('profile-save'))
    await waitFor(() => expect(api.calls.profilesSaved).toHaveLength(1))
    const first = api.calls.profilesSaved[0]!
    expect(first).toMatchObject({ authMechanism: 'OAUTHBEARER', tlsMinVersion: '1.0', localAddress: '127.0.0.2', proxyProtocol: 'v2' })
    expect(first.oauthToken).toBeUndefined()

    await user.click(screen.getByTestId('profile-edit'))
    await user.type(screen.getByTestId('profile-oauthToken'), 'ya29.typed')
    await user.selectOptions(screen.getByTestId('profile-proxyProtocol'), '')
    await user.click(screen.getByTestId('profile-save'))
    await waitFor(() => expect(api.calls.profilesSaved).toHaveLength(2))
    expect(api.calls.profilesSaved[1]!.oauthToken).toBe('ya29.typed')
    expect(api.calls.profilesSaved[1]!.proxyProtocol).toBeUndefined()
  })
})
