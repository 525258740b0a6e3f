import type { ComposeModel } from '../../../preload/contract'
import type { AppSlice, StoreDeps } from './app-store'
import { parseRecipient, parseRecipientList, type ParsedRecipient } from '../domain/recipient-parse'
import { emptyEnvelopeForm, envelopeFormOf, type EnvelopeForm } from './envelope-model'

export type RecipientField = 'to' | 'cc' | 'bcc'

export interface RecipientChip extends ParsedRecipient {
  id: number
}

export interface AttachmentItem {
  id: number
  path: string
  name: string
  /** Unknown for attachments restored from a draft (drafts store paths only). */
  size?: number
}

export interface HeaderRow {
  id: number
  name: string
  value: string
}

export interface ComposeData {
  from: string
  to: RecipientChip[]
  cc: RecipientChip[]
  bcc: RecipientChip[]
  /** Text typed into a recipient field but not yet turned into a chip. */
  pending: Record<RecipientField, string>
  showCc: boolean
  showBcc: boolean
  subject: string
  text: string
  monospace: boolean
  attachments: AttachmentItem[]
  headers: HeaderRow[]
  rawMode: boolean
  raw: string
  /** The Envelope part: sender and recipients apart from the headers, DSN, REQUIRETLS. */
  envelope: EnvelopeForm
  /** Field errors reported by the main process when it refused a send (`to[1]` → message). */
  fieldErrors: Record<string, string>
  /** The stored draft has been read; autosave starts only after this. */
  draftLoaded: boolean
}

export interface ComposeSlice {
  compose: ComposeData
  setFrom(from: string): void
  setPendingRecipient(field: RecipientField, text: string): void
  /** Parses `text` (one address or a pasted list) into chips. */
  addRecipients(field: RecipientField, text: string): void
  /** Turns whatever is typed in the field into chips. */
  commitPendingRecipients(): void
  removeRecipient(field: RecipientField, id: number): void
  removeLastRecipient(field: RecipientField): void
  showRecipientField(field: 'cc' | 'bcc'): void
  setSubject(subject: string): void
  setText(text: string): void
  setMonospace(on: boolean): void
  addAttachments(files: Array<{ path: string; name: string; size?: number }>): void
  /** Opens the system file picker (main process) and attaches what the user chose. */
  pickAttachments(): Promise<void>
  /** Attaches files dropped on the window, once main has had the user confirm them. */
  dropFiles(files: readonly File[]): Promise<void>
  removeAttachment(id: number): void
  addHeader(): void
  updateHeader(id: number, patch: Partial<Pick<HeaderRow, 'name' | 'value'>>): void
  removeHeader(id: number): void
  setRawMode(on: boolean): void
  setRaw(raw: string): void
  restoreDraft(draft: ComposeModel | null): void
  /** Clears the form for a new message (the draft follows through autosave). */
  newMessage(): void
  setFieldErrors(errors: Record<string, string>): void
}

const emptyCompose = (): ComposeData => ({
  from: '',
  to: [],
  cc: [],
  bcc: [],
  pending: { to: '', cc: '', bcc: '' },
  showCc: false,
  showBcc: false,
  subject: '',
  text: '',
  monospace: false,
  attachments: [],
  headers: [],
  rawMode: false,
  raw: '',
  envelope: emptyEnvelopeForm(),
  fieldErrors: {},
  draftLoaded: false,
})

const baseName = (path: string) => path.split(/[\\/]/).pop() || path

/** Drops the main process's errors for one group of fields once the user edits it. */
function withoutErrors(errors: Record<string, string>, prefix: string): Record<string, string> {
  const keys = Object.keys(errors)
  if (!keys.some((key) => key === prefix || key.startsWith(`${prefix}[`) || key.startsWith(`${prefix} `))) return errors
  return Object.fromEntries(
    Object.entries(errors).filter(
      ([key]) => !(key === prefix || key.startsWith(`${prefix}[`) || key.startsWith(`${prefix} `)),
    ),
  )
}

export const createComposeSlice =
  ({ api }: StoreDeps): AppSlice<ComposeSlice> =>
  (set, get) => {
    let nextId = 1
    const chips = (parsed: ParsedRecipient[]): RecipientChip[] => parsed.map((p) => ({ ...p, id: nextId++ }))

    const update = (patch: Partial<ComposeData>, errorPrefix?: string) =>
      set((state) => ({
        compose: {
          ...state.compose,
          ...patch,
          ...(errorPrefix ? { fieldErrors: withoutErrors(state.compose.fieldErrors, errorPrefix) } : {}),
        },
      }))

    return {
      compose: emptyCompose(),

      setFrom: (from) => update({ from }, 'from'),

      setPendingRecipient: (field, text) =>
        set((state) => ({ compose: { ...state.compose, pending: { ...state.compose.pending, [field]: text } } })),

      addRecipients: (field, text) => {
        const added = chips(parseRecipientList(text))
        set((state) => ({
          compose: {
            ...state.compose,
            [field]: added.length ? [...state.compose[field], ...added] : state.compose[field],
            pending: { ...state.compose.pending, [field]: '' },
            fieldErrors: withoutErrors(state.compose.fieldErrors, field),
          },
        }))
      },

      commitPendingRecipients: () =>
        set((state) => {
          const { pending } = state.compose
          if (!pending.to.trim() && !pending.cc.trim() && !pending.bcc.trim()) return state
          const next = { ...state.compose, pending: { to: '', cc: '', bcc: '' } }
          for (const field of ['to', 'cc', 'bcc'] as const) {
            if (pending[field].trim()) next[field] = [...next[field], ...chips(parseRecipientList(pending[field]))]
          }
          return { compose: next }
        }),

      removeRecipient: (field, id) =>
        set((state) => ({
          compose: {
            ...state.compose,
            [field]: state.compose[field].filter((chip) => chip.id !== id),
            fieldErrors: withoutErrors(state.compose.fieldErrors, field),
          },
        })),

      removeLastRecipient: (field) =>
        set((state) => ({
          compose: {
            ...state.compose,
            [field]: state.compose[field].slice(0, -1),
            fieldErrors: withoutErrors(state.compose.fieldErrors, field),
          },
        })),

      showRecipientField: (field) => update(field === 'cc' ? { showCc: true } : { showBcc: true }),
      setSubject: (subject) => update({ subject }, 'subject'),
      setText: (text) => update({ text }, 'text'),
      setMonospace: (monospace) => update({ monospace }),

      addAttachments: (files) =>
        set((state) => ({
          compose: {
            ...state.compose,
            attachments: [
              ...state.compose.attachments,
              ...files
                .filter((file) => file.path && !state.compose.attachments.some((a) => a.path === file.path))
                .map((file) => ({ ...file, id: nextId++ })),
            ],
          },
        })),

      pickAttachments: async () => {
        const picked = await api.files.pickAttachments()
        if (picked.ok) get().addAttachments(picked.value)
        else set((state) => ({ compose: { ...state.compose, fieldErrors: { ...state.compose.fieldErrors, attachments: picked.error.message } } }))
      },

      dropFiles: async (files) => {
        const dropped = await api.files.attachDropped(files)
        if (dropped.ok) get().addAttachments(dropped.value)
        else set((state) => ({ compose: { ...state.compose, fieldErrors: { ...state.compose.fieldErrors, attachments: dropped.error.message } } }))
      },

      removeAttachment: (id) =>
        set((state) => ({
          compose: {
            ...state.compose,
            attachments: state.compose.attachments.filter((a) => a.id !== id),
            fieldErrors: withoutErrors(state.compose.fieldErrors, 'attachments'),
          },
        })),

      addHeader: () =>
        set((state) => ({
          compose: { ...state.compose, headers: [...state.compose.headers, { id: nextId++, name: '', value: '' }] },
        })),

      updateHeader: (id, patch) =>
        set((state) => ({
          compose: {
            ...state.compose,
            headers: state.compose.headers.map((row) => (row.id === id ? { ...row, ...patch } : row)),
            fieldErrors: withoutErrors(state.compose.fieldErrors, 'header'),
          },
        })),

      removeHeader: (id) =>
        set((state) => ({
          compose: {
            ...state.compose,
            headers: state.compose.headers.filter((row) => row.id !== id),
            fieldErrors: withoutErrors(state.compose.fieldErrors, 'header'),
          },
        })),

      setRawMode: (rawMode) => update({ rawMode }, 'raw'),
      setRaw: (raw) => update({ raw }, 'raw'),

      restoreDraft: (draft) =>
        set((state) => {
          if (!draft) return { compose: { ...state.compose, draftLoaded: true } }
          const recipients = (list: unknown) =>
            Array.isArray(list) ? chips(list.filter((v): v is string => typeof v === 'string').map(parseRecipient)) : []
          const to = recipients(draft.to)
          const cc = recipients(draft.cc)
          const bcc = recipients(draft.bcc)
          return {
            compose: {
              ...emptyCompose(),
              monospace: state.compose.monospace,
              from: draft.from ?? '',
              to,
              cc,
              bcc,
              showCc: cc.length > 0,
              showBcc: bcc.length > 0,
              subject: draft.subject ?? '',
              text: draft.text ?? '',
              attachments: (draft.attachments ?? [])
                .filter((a) => typeof a.path === 'string' && a.path)
                .map((a) => ({ id: nextId++, path: a.path!, name: a.filename || baseName(a.path!) })),
              headers: (draft.headers ?? []).map((h) => ({ id: nextId++, name: h.name, value: h.value })),
              rawMode: typeof draft.raw === 'string',
              raw: draft.raw ?? '',
              envelope: envelopeFormOf(draft.envelope),
              draftLoaded: true,
            },
          }
        }),

      newMessage: () =>
        set((state) => ({
          compose: { ...emptyCompose(), monospace: state.compose.monospace, draftLoaded: state.compose.draftLoaded },
        })),

      setFieldErrors: (fieldErrors) => update({ fieldErrors }),
    }
  }
