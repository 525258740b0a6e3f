import type { Profile, ProfileInput, SecurityMode } from '../../../preload/contract'
import type { AppSlice, StoreDeps } from './app-store'
import { defaultPortFor, SUBMISSION_PORT } from '../domain/default-port'
import { readPreference, writePreference } from './preferences'
import { fieldErrorsOf } from './field-errors'

/** The fields of the profile editor: a ProfileInput without the password. */
export type ProfileFields = Omit<ProfileInput, 'password' | 'id'>

export interface ProfileEditorState {
  /** Absent while creating a new profile. */
  id?: string
  fields: ProfileFields
  /** Typed password; sent only when the user typed one. Never filled from main. */
  password: string
  /** Forget the stored password on save. */
  forgetPassword: boolean
  /** The user typed the port: stop following the security mode. */
  portTouched: boolean
  hasPassword: boolean
  saving: boolean
  fieldErrors: Record<string, string>
  error?: string
}

export interface ProfilesData {
  list: Profile[]
  secretStoreAvailable: boolean
  /** The OS secret store in use, for the warning text. */
  secretStoreBackend?: string
  loaded: boolean
  selectedId?: string
  editor: ProfileEditorState | null
  loadError?: string
}

export interface ProfilesSlice {
  profiles: ProfilesData
  loadProfiles(): Promise<void>
  selectProfile(id: string): void
  openProfileEditor(id: string | null): void
  updateProfileFields(patch: Partial<ProfileFields>): void
  setProfilePort(port: number): void
  setProfileSecurity(security: SecurityMode): void
  setProfilePassword(password: string): void
  setForgetPassword(forget: boolean): void
  closeProfileEditor(): void
  saveProfile(): Promise<void>
  /** True when the editor's form can be saved; otherwise its problems are shown under their fields. */
  checkProfileForm(): boolean
  /** Change some settings of a saved profile at once (an action on an error); the error message when it failed. */
  patchProfile(id: string, patch: Partial<ProfileFields>): Promise<string | undefined>
  /** Save a new profile from a few settings (an action on a probe of a typed server); the profile, or why it failed. */
  addProfile(patch: Partial<ProfileFields> & Pick<ProfileFields, 'name' | 'host' | 'port' | 'security'>): Promise<Profile | string>
  removeProfile(id: string): Promise<void>
}

const SELECTED_PROFILE_KEY = 'mailwire.selectedProfile'

const MAX_PORT = 65535

/**
 * What the editor's form lacks before it can be saved, by field, each said once in a
 * sentence: Save stays off, and Send (which saves an unsaved form first) names them
 * instead of letting main refuse with "name is required.".
 */
export function profileFormProblems(fields: Pick<ProfileFields, 'name' | 'host' | 'port'>): Record<string, string> {
  const problems: Record<string, string> = {}
  if (fields.name.trim() === '') problems['name'] = 'Give the server a name.'
  if (fields.host.trim() === '') problems['host'] = 'Give the host name or address.'
  if (!(Number.isInteger(fields.port) && fields.port >= 1 && fields.port <= MAX_PORT)) problems['port'] = `Give a port from 1 to ${MAX_PORT}.`
  return problems
}

/**
 * The saved server at this host and port (and with this security, when given), when there
 * is one; never the local inbox, whose port is chosen when it starts. A server typed in
 * again, or an exchanger found by an MX lookup, reuses it rather than becoming a second
 * profile; the next session then runs with that profile's settings.
 */
export function savedServerAt(list: readonly Profile[], host: string, port: number, security?: SecurityMode): Profile | undefined {
  const wanted = host.toLowerCase()
  return list.find(
    (profile) =>
      profile.kind !== 'local-inbox' && profile.host.toLowerCase() === wanted && profile.port === port && (security === undefined || profile.security === security),
  )
}

const newProfileFields = (): ProfileFields => ({
  name: '',
  host: '',
  port: SUBMISSION_PORT,
  security: 'auto',
  username: '',
  clientName: '',
  allowInvalidCertificate: false,
  allowPlaintextAuth: false,
  caPem: '',
})

const fieldsOf = ({ id: _id, hasPassword: _hasPassword, ...fields }: Profile): ProfileFields => fields

/**
 * True when the server form is open with something not saved: a new server with a host
 * typed, or a saved one edited. Send must not ignore it (issue 24: it went to the inbox).
 */
export function editorHasChanges(profiles: ProfilesData): boolean {
  const editor = profiles.editor
  if (!editor) return false
  if (editor.password !== '' || editor.forgetPassword) return true
  const saved = editor.id ? profiles.list.find((p) => p.id === editor.id) : undefined
  if (!saved) return editor.fields.host.trim() !== ''
  const before = fieldsOf(saved) as unknown as Record<string, unknown>
  return Object.entries(editor.fields).some(([key, value]) => (value ?? '') !== (before[key] ?? ''))
}

export const createProfilesSlice =
  ({ api }: StoreDeps): AppSlice<ProfilesSlice> =>
  (set, get) => {
    const updateEditor = (patch: (editor: ProfileEditorState) => Partial<ProfileEditorState>) =>
      set((state) => {
        const editor = state.profiles.editor
        if (!editor) return state
        return { profiles: { ...state.profiles, editor: { ...editor, ...patch(editor) } } }
      })

    return {
      profiles: { list: [], secretStoreAvailable: true, loaded: false, editor: null },

      loadProfiles: async () => {
        const listed = await api.profiles.list()
        if (!listed.ok) {
          set((state) => ({ profiles: { ...state.profiles, loaded: true, loadError: listed.error.message } }))
          return
        }
        const { profiles, secretStoreAvailable, secretStoreBackend, lastUsedId } = listed.value
        set((state) => {
          const candidates = [state.profiles.selectedId, lastUsedId, readPreference(SELECTED_PROFILE_KEY)]
          const remembered = candidates.find((id) => id !== undefined && profiles.some((p) => p.id === id))
          const selectedId = remembered ?? profiles[0]?.id
          return {
            profiles: {
              ...state.profiles,
              list: profiles,
              secretStoreAvailable,
              secretStoreBackend,
              loaded: true,
              loadError: undefined,
              selectedId,
              // With no server yet, the editor is the first thing to fill in.
              editor:
                state.profiles.editor ??
                (profiles.length === 0 ? { ...blankEditor(), fields: newProfileFields() } : null),
            },
          }
        })
      },

      selectProfile: (id) => {
        writePreference(SELECTED_PROFILE_KEY, id)
        set((state) => ({ profiles: { ...state.profiles, selectedId: id } }))
      },

      openProfileEditor: (id) => {
        const profile = id ? get().profiles.list.find((p) => p.id === id) : undefined
        const editor: ProfileEditorState = profile
          ? { ...blankEditor(), id: profile.id, fields: fieldsOf(profile), hasPassword: profile.hasPassword, portTouched: true }
          : { ...blankEditor(), fields: newProfileFields() }
        set((state) => ({ profiles: { ...state.profiles, editor } }))
      },

      updateProfileFields: (patch) =>
        updateEditor((editor) => ({
          fields: { ...editor.fields, ...patch },
          fieldErrors: Object.fromEntries(Object.entries(editor.fieldErrors).filter(([key]) => !(key in patch))),
        })),

      setProfilePort: (port) =>
        updateEditor((editor) => ({
          fields: { ...editor.fields, port },
          portTouched: true,
          fieldErrors: Object.fromEntries(Object.entries(editor.fieldErrors).filter(([key]) => key !== 'port')),
        })),

      setProfileSecurity: (security) =>
        updateEditor((editor) => ({
          fields: {
            ...editor.fields,
            security,
            port: editor.portTouched ? editor.fields.port : defaultPortFor(security, editor.fields.port),
          },
        })),

      setProfilePassword: (password) => updateEditor(() => ({ password, forgetPassword: false })),
      setForgetPassword: (forgetPassword) => updateEditor(() => ({ forgetPassword, password: '' })),

      closeProfileEditor: () => set((state) => ({ profiles: { ...state.profiles, editor: null } })),

      saveProfile: async () => {
        const editor = get().profiles.editor
        if (!editor || editor.saving) return
        const input: ProfileInput = {
          ...editor.fields,
          ...(editor.id ? { id: editor.id } : {}),
          ...(editor.password !== '' ? { password: editor.password } : editor.forgetPassword ? { password: '' } : {}),
        }
        updateEditor(() => ({ saving: true, error: undefined, fieldErrors: {} }))
        const saved = await api.profiles.save(input)
        if (!saved.ok) {
          const { error } = saved
          updateEditor(() => ({ saving: false, error: error.message, fieldErrors: fieldErrorsOf(error) }))
          return
        }
        const profile = saved.value
        writePreference(SELECTED_PROFILE_KEY, profile.id)
        set((state) => {
          const exists = state.profiles.list.some((p) => p.id === profile.id)
          const list = exists
            ? state.profiles.list.map((p) => (p.id === profile.id ? profile : p))
            : [...state.profiles.list, profile]
          return { profiles: { ...state.profiles, list, selectedId: profile.id, editor: null } }
        })
      },

      checkProfileForm: () => {
        const editor = get().profiles.editor
        if (!editor) return true
        const problems = profileFormProblems(editor.fields)
        if (Object.keys(problems).length === 0) return true
        updateEditor(() => ({ fieldErrors: problems, error: undefined }))
        return false
      },

      patchProfile: async (id, patch) => {
        const profile = get().profiles.list.find((p) => p.id === id)
        if (!profile) return 'This server profile no longer exists.'
        const saved = await api.profiles.save({ ...fieldsOf(profile), ...patch, id })
        if (!saved.ok) return saved.error.message
        const updated = saved.value
        set((state) => ({ profiles: { ...state.profiles, list: state.profiles.list.map((p) => (p.id === id ? updated : p)) } }))
        return undefined
      },

      addProfile: async (patch) => {
        const saved = await api.profiles.save({ ...newProfileFields(), ...patch })
        if (!saved.ok) return saved.error.message
        const added = saved.value
        set((state) => ({ profiles: { ...state.profiles, list: [...state.profiles.list, added] } }))
        return added
      },

      removeProfile: async (id) => {
        const removed = await api.profiles.remove(id)
        if (!removed.ok) {
          updateEditor(() => ({ error: removed.error.message }))
          return
        }
        set((state) => {
          const list = state.profiles.list.filter((p) => p.id !== id)
          const selectedId = state.profiles.selectedId === id ? list[0]?.id : state.profiles.selectedId
          return { profiles: { ...state.profiles, list, selectedId, editor: null } }
        })
      },
    }
  }

function blankEditor(): Omit<ProfileEditorState, 'fields'> {
  return {
    password: '',
    forgetPassword: false,
    portTouched: false,
    hasPassword: false,
    saving: false,
    fieldErrors: {},
  }
}
