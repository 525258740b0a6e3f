import { useState, type ReactNode } from 'react'
import type { InboxFaults } from '../../../../preload/contract'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import styles from './inbox.module.css'
import { classNames } from '../../shared/class-names'

type FaultKey = keyof InboxFaults
/** The presets that carry a value typed beside their toggle. */
type ValueKey = 'refuseRecipient' | 'slowReplies' | 'disconnectMidData'

/** What a preset's value starts as before the user sets one. */
const SUGGESTED: Record<ValueKey, string> = { refuseRecipient: 'reject*', slowReplies: '2000', disconnectMidData: '1024' }

/** A whole number, or NaN (main refuses it and says why). */
const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN)
const PARSE: { [K in ValueKey]: (text: string) => NonNullable<InboxFaults[K]> } = {
  refuseRecipient: (text) => text,
  slowReplies: whole,
  disconnectMidData: whole,
}

interface PresetRowProps {
  name: FaultKey
  on: boolean
  title: string
  /** The reply a client sees, for learning what each code looks like. */
  effect: string
  onToggle(on: boolean): void
  children?: ReactNode
}

function PresetRow({ name, on, title, effect, onToggle, children }: PresetRowProps) {
  return (
    <li className={classNames(styles['fault-preset'], on && styles['fault-on'])} data-testid={`fault-${name}`} data-on={on}>
      <label className="toggle">
        <input type="checkbox" checked={on} data-testid={`fault-${name}-toggle`} onChange={(event) => onToggle(event.target.checked)} />
        <span className={styles['fault-title']}>{title}</span>
      </label>
      {children}
      <span className={`${styles['fault-effect']} mono`}>{effect}</span>
    </li>
  )
}

interface ValueDraft<K extends ValueKey> {
  key: K
  text: string
  setText(text: string): void
  value: NonNullable<InboxFaults[K]>
  on: boolean
  /** On with the value typed, or off. */
  toggle(on: boolean): void
  /** A preset that is on takes a changed value when its field is left. */
  commit(): void
}

function useValueDraft<K extends ValueKey>(key: K, faults: InboxFaults, apply: (patch: Partial<InboxFaults>) => void): ValueDraft<K> {
  const [text, setText] = useState(() => (faults[key] === undefined ? SUGGESTED[key] : String(faults[key])))
  const value = PARSE[key](text)
  const on = faults[key] !== undefined
  return {
    key,
    text,
    setText,
    value,
    on,
    toggle: (next) => apply({ [key]: next ? value : undefined }),
    commit: () => {
      if (on && value !== faults[key]) apply({ [key]: value })
    },
  }
}

function PresetValue({ draft, label, unit }: { draft: ValueDraft<ValueKey>; label: string; unit?: string }) {
  const input = (
    <input
      type="text"
      inputMode={unit ? 'numeric' : undefined}
      className={`${styles['fault-value']} mono`}
      aria-label={label}
      data-testid={`fault-${draft.key}-value`}
      value={draft.text}
      onChange={(event) => draft.setText(event.target.value)}
      onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()}
      onBlur={draft.commit}
    />
  )
  if (!unit) return input
  return (
    <span className={styles['fault-number']}>
      {input}
      {unit}
    </span>
  )
}

/**
 * The local inbox's fault presets: each applies at once to the next session (and to the
 * commands of a running one). Values of a preset that is on apply when the field is left.
 */
export function FaultPresets() {
  const store = useAppStoreApi()
  const faults = useAppStore((state) => state.inbox.faults)
  const error = useAppStore((state) => state.inbox.faultsError)

  const apply = (patch: Partial<InboxFaults>) => {
    const next: InboxFaults = { ...store.getState().inbox.faults, ...patch }
    for (const key of Object.keys(next) as FaultKey[]) if (next[key] === undefined) delete next[key]
    void store.getState().setInboxFaults(next)
  }
  const pattern = useValueDraft('refuseRecipient', faults, apply)
  const delay = useValueDraft('slowReplies', faults, apply)
  const cutAfter = useValueDraft('disconnectMidData', faults, apply)

  return (
    <section className={styles['fault-presets']} aria-label="Fault presets" data-testid="fault-presets">
      <p className="hint">
        Make the local inbox misbehave on purpose, to see what Mailwire shows when a real server does. Presets apply from
        the next command.
      </p>
      <ul>
        <PresetRow
          name="refuseRecipient"
          on={pattern.on}
          title="Refuse recipients matching"
          effect="550 5.1.1"
          onToggle={pattern.toggle}
        >
          <PresetValue draft={pattern} label="Recipients to refuse (* matches anything; without @, the local part)" />
        </PresetRow>
        <PresetRow
          name="greeting421"
          on={faults.greeting421 === true}
          title="421 at greeting, then hang up"
          effect="421 4.3.2"
          onToggle={(on) => apply({ greeting421: on || undefined })}
        />
        <PresetRow
          name="rcpt451"
          on={faults.rcpt451 === true}
          title="451 on every RCPT"
          effect="451 4.3.0"
          onToggle={(on) => apply({ rcpt451: on || undefined })}
        />
        <PresetRow
          name="slowReplies"
          on={delay.on}
          title="Slow replies by"
          effect="late replies"
          onToggle={delay.toggle}
        >
          <PresetValue draft={delay} label="Delay of every reply in milliseconds" unit="ms" />
        </PresetRow>
        <PresetRow
          name="disconnectMidData"
          on={cutAfter.on}
          title="Hang up during DATA after"
          effect="no reply"
          onToggle={cutAfter.toggle}
        >
          <PresetValue draft={cutAfter} label="Bytes of message data before the inbox hangs up" unit="bytes" />
        </PresetRow>
      </ul>
      {error && (
        <p className="field-error" role="alert" data-testid="fault-error">
          {error}
        </p>
      )}
    </section>
  )
}
