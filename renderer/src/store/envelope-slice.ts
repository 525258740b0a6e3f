// Actions of the Send view's Envelope part (the form lives in compose.envelope, so the
// draft keeps it) and its Advanced part (kept here for the run, not in the draft).
import type { AppSlice } from './app-store'
import { defaultAdvancedForm, type AdvancedForm } from './advanced-model'
import type { EnvelopeForm } from './envelope-model'

export interface EnvelopeSlice {
  advanced: AdvancedForm
  updateEnvelope(patch: Partial<EnvelopeForm>): void
  updateAdvanced(patch: Partial<AdvancedForm>): void
}

export const createEnvelopeSlice = (): AppSlice<EnvelopeSlice> => (set) => ({
  advanced: defaultAdvancedForm(),
  updateEnvelope: (patch) =>
    set((state) => ({
      compose: {
        ...state.compose,
        envelope: { ...state.compose.envelope, ...patch },
        fieldErrors: Object.fromEntries(Object.entries(state.compose.fieldErrors).filter(([key]) => !key.startsWith('envelope'))),
      },
    })),
  updateAdvanced: (patch) => set((state) => ({ advanced: { ...state.advanced, ...patch } })),
})
