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

const port = () => (screen.getByTestId('profile-port') as HTMLInputElement).value

describe('server profiles', () => {
  it('opens the editor at once when there is no server yet', async () => {
    await renderPicker({ profiles: [] })
    expect(screen.getByTestId('profile-editor')).toBeTruthy()
    expect(port()).toBe('587')
  })

  it('moves the port with the security mode until the user types one', async () => {
    const user = userEvent.setup()
    await renderPicker({ profiles: [] })
    const security = screen.getByTestId('profile-security')
    await user.selectOptions(security, 'implicit')
    expect(port()).toBe('465')
    await user.selectOptions(security, 'starttls')
    expect(port()).toBe('587')
    await user.selectOptions(security, 'none')
    expect(port()).toBe('587')
    await user.clear(screen.getByTestId('profile-port'))
    await user.type(screen.getByTestId('profile-port'), '2525')
    await user.selectOptions(security, 'implicit')
    expect(port()).toBe('2525')
  })

  it('never shows a stored password, and sends one only when typed', async () => {
    const user = userEvent.setup()
    const { api } = await renderPicker({ profiles: [testProfile({ hasPassword: true, username: 'me' })] })
    await user.click(screen.getByTestId('profile-edit'))
    expect(screen.getByTestId('password-stored').textContent).toContain('stored')
    expect(screen.getByTestId('profile-password')).toHaveProperty('value', '')
    await user.click(screen.getByTestId('profile-save'))
    await waitFor(() => expect(api.calls.profilesSaved).toHaveLength(1))
    expect(api.calls.profilesSaved[0]).not.toHaveProperty('password')

    await user.click(screen.getByTestId('profile-edit'))
    await user.type(screen.getByTestId('profile-password'), 's3cret')
    await user.click(screen.getByTestId('profile-save'))
    await waitFor(() => expect(api.calls.profilesSaved).toHaveLength(2))
    expect(api.calls.profilesSaved[1]!.password).toBe('s3cret')
  })

  it('says a stored password will be cleared when the host, port, security or an opt-in changes', async () => {
    const user = userEvent.setup()
    await renderPicker({ profiles: [testProfile({ hasPassword: true, username: 'me' })] })
    await user.click(screen.getByTestId('profile-edit'))
    expect(screen.queryByTestId('password-cleared-notice')).toBeNull()
    await user.type(screen.getByTestId('profile-host'), 'x')
    expect(screen.getByTestId('password-cleared-notice').textContent).toMatch(/^The host changed: saving clears the stored password/)
    await user.selectOptions(screen.getByTestId('profile-security'), 'none')
    await user.click(screen.getByText('+ More options'))
    await user.click(screen.getByTestId('profile-allow-plaintext'))
    expect(screen.getByTestId('password-cleared-notice').textContent).toMatch(/^The host, security and cleartext opt-in changed/)
    // A new password typed with the change is the one kept: nothing to warn about.
    await user.type(screen.getByTestId('profile-password'), 'new one')
    expect(screen.queryByTestId('password-cleared-notice')).toBeNull()
  })

  it('says nothing about clearing when no password is stored or only the name changes', async () => {
    const user = userEvent.setup()
    await renderPicker({ profiles: [testProfile({ hasPassword: false })] })
    await user.click(screen.getByTestId('profile-edit'))
    await user.type(screen.getByTestId('profile-host'), 'x')
    expect(screen.queryByTestId('password-cleared-notice')).toBeNull()
  })

  it('warns about accepting invalid certificates, plaintext passwords and a missing secret store', async () => {
    const user = userEvent.setup()
    await renderPicker({ profiles: [], secretStoreAvailable: false })
    expect(screen.getByTestId('secret-store-warning').textContent).toContain('no secure password store')
    expect(screen.queryByTestId('invalid-cert-warning')).toBeNull()
    await user.click(screen.getByTestId('profile-allow-invalid'))
    expect(screen.getByTestId('invalid-cert-warning')).toBeTruthy()
    await user.click(screen.getByText('+ More options'))
    await user.click(screen.getByTestId('profile-allow-plaintext'))
    expect(screen.getByTestId('plaintext-warning')).toBeTruthy()
  })

  it("shows main's refusal next to the field", async () => {
    const user = userEvent.setup()
    await renderPicker({
      profiles: [],
      saveProfileResult: () => ({ ok: false, error: { code: 'EINVALID', message: 'the host name is not valid', field: 'host' } }),
    })
    await user.type(screen.getByTestId('profile-name'), 'Bad host')
    await user.type(screen.getByTestId('profile-host'), 'bad_host')
    await user.click(screen.getByTestId('profile-save'))
    expect((await screen.findAllByText('the host name is not valid')).length).toBeGreaterThan(0)
    expect(screen.getByTestId('profile-editor')).toBeTruthy()
  })
})
