import { useAppStore, useAppStoreApi } from '../../store/store-context'

/** Sent versus arrived: the entry's message beside the local inbox's copy, or beside an .eml the user opens. */
export function SentVsArrivedControl({ id, inInbox }: { id: string; inInbox: boolean }) {
  const store = useAppStoreApi()
  const error = useAppStore((state) => (state.arrived.error?.historyId === id ? state.arrived.error.message : undefined))
  return (
    <>
      {inInbox && (
        <button type="button" data-testid="sent-vs-arrived-button" onClick={() => void store.getState().compareWithInbox(id)}>
          Sent vs arrived
        </button>
      )}
      <button type="button" data-testid="compare-eml-button" onClick={() => void store.getState().compareWithEml(id)}>
        Compare with .eml…
      </button>
      {error && (
        <p className="field-error" role="alert" data-testid="arrived-error">
          {error}
        </p>
      )}
    </>
  )
}
