import { useId } from 'react'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import {
  advancedSummary,
  chunkSizeValid,
  MAX_CHUNK_BYTES,
  STOP_STEPS,
  type AdvancedForm,
} from '../../store/advanced-model'
import type { ChunkingMode, QuitAfter } from '../../../../preload/contract'
import { Disclosure } from './Disclosure'
import styles from './envelope.module.css'

const CHUNKING: ReadonlyArray<{ mode: ChunkingMode; label: string; hint: string }> = [
  { mode: 'off', label: 'off (DATA)', hint: 'the classic DATA with a final dot' },
  { mode: 'auto', label: 'auto', hint: 'BDAT chunks when the server offers CHUNKING (RFC 3030)' },
  { mode: 'force', label: 'force', hint: 'BDAT chunks even when the server does not offer CHUNKING' },
]

/**
 * How the next session runs, as swaks and the CLI let you choose: stop with QUIT or hang up
 * after a step, pipelining off, BDAT chunking, extensions sent although not offered.
 */
export function AdvancedSection() {
  const store = useAppStoreApi()
  const form = useAppStore((state) => state.advanced)
  const update = (patch: Partial<AdvancedForm>) => store.getState().updateAdvanced(patch)
  const stopId = useId()
  const stepId = useId()
  const chunkingId = useId()
  const sizeId = useId()
  const sizeError = form.chunking !== 'off' && !chunkSizeValid(form.chunkSize) ? `a whole number of bytes from 1 to ${MAX_CHUNK_BYTES}` : undefined

  return (
    <Disclosure title="Advanced" summary={advancedSummary(form)} testId="advanced-section">
      <fieldset className={styles['group']}>
        <legend>End the session on purpose</legend>
        <div className={styles['choices']} role="radiogroup" aria-label="End the session">
          {(
            [
              ['none', 'no: the whole session'],
              ['quit', 'Stop after (QUIT)'],
              ['drop', 'Hang up after (no QUIT)'],
            ] as const
          ).map(([stop, label]) => (
            <label key={stop} className="toggle">
              <input type="radio" name={stopId} data-testid={`advanced-stop-${stop}`} checked={form.stop === stop} onChange={() => update({ stop })} />
              {label}
            </label>
          ))}
          {form.stop !== 'none' && (
            <>
              <label className="visually-hidden" htmlFor={stepId}>
                {form.stop === 'quit' ? 'Stop after this step' : 'Hang up after this step'}
              </label>
              <select id={stepId} className={styles['step-select']} data-testid="advanced-step" value={form.step} onChange={(event) => update({ step: event.target.value as QuitAfter })}>
                {STOP_STEPS.map(({ step, label }) => (
                  <option key={step} value={step}>
                    {label}
                  </option>
                ))}
              </select>
            </>
          )}
        </div>
        {form.stop === 'drop' && form.step === 'dot' && (
          <p className="hint">Hanging up right after the final dot, before its reply: the message may or may not be delivered.</p>
        )}
      </fieldset>

      <fieldset className={styles['group']}>
        <legend>Transfer</legend>
        <label className="toggle">
          <input
            type="checkbox"
            data-testid="advanced-pipelining"
            checked={form.pipelining === 'auto'}
            onChange={(event) => update({ pipelining: event.target.checked ? 'auto' : 'off' })}
          />
          <span>
            Pipelining when offered <span className="muted">(RFC 2920; off: each command waits for its reply)</span>
          </span>
        </label>
        <div className={styles['choices']} role="radiogroup" aria-label="Chunking">
          <span className={styles['choice-label']}>Chunking</span>
          {CHUNKING.map(({ mode, label, hint }) => (
            <label key={mode} className="toggle" title={hint}>
              <input type="radio" name={chunkingId} data-testid={`advanced-chunking-${mode}`} checked={form.chunking === mode} onChange={() => update({ chunking: mode })} />
              {label}
            </label>
          ))}
        </div>
        {form.chunking !== 'off' && (
          <div className={`field ${styles['narrow']}${sizeError ? ' has-error' : ''}`}>
            <div className="field-row">
              <label htmlFor={sizeId}>Chunk size (bytes)</label>
            </div>
            <input
              id={sizeId}
              type="number"
              className="mono"
              min={1}
              max={MAX_CHUNK_BYTES}
              data-testid="advanced-chunk-size"
              value={Number.isNaN(form.chunkSize) ? '' : form.chunkSize}
              aria-invalid={sizeError ? true : undefined}
              onChange={(event) => update({ chunkSize: event.target.valueAsNumber })}
            />
            {sizeError && <p className="field-error">{sizeError}</p>}
          </div>
        )}
        <label className="toggle">
          <input type="checkbox" data-testid="advanced-force-extensions" checked={form.forceExtensions} onChange={(event) => update({ forceExtensions: event.target.checked })} />
          <span>
            Force extensions <span className="muted">(send DSN and REQUIRETLS even when the server does not offer them)</span>
          </span>
        </label>
      </fieldset>
    </Disclosure>
  )
}
