import { useState, type ReactNode } from 'react'
import type { InboxFaults } from '../../../../preload/contract'
import { useAppStore, useAppStoreApi } from '../../store/store-context'

/** What a preset's value starts as before the user sets one. */
const SUGGESTED = { refuseRecipient: 'reject*', slowReplies: 2000, disconnectMidData: 1024 }

type FaultKey = keyof InboxFaults

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
    <li className={`fault-preset${on ? ' fault-on' : ''}`} data-testid={`fault-${name}`} data-on={on}>
      <label className="toggle">
        <input type="checkbox" checked={on} data-testid={`fault-${name}-toggle`} onChange={(event) => onToggle(event.target.checked)} />
        <span className="fault-title">{title}</span>
      </label>
      {children}
      <span className="fault-effect mono">{effect}</span>
    </li>
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
  const [pattern, setPattern] = useState(faults.refuseRecipient ?? SUGGESTED.refuseRecipient)
  const [delay, setDelay] = useState(String(faults.slowReplies ?? SUGGESTED.slowReplies))
  const [cutAfter, setCutAfter] = useState(String(faults.disconnectMidData ?? SUGGESTED.disconnectMidData))

  const apply = (patch: Partial<InboxFaults>) => {
    const next: InboxFaults = { ...store.getState().inbox.faults, ...patch }
    for (const key of Object.keys(next) as FaultKey[]) if (next[key] === undefined) delete next[key]
    void store.getState().setInboxFaults(next)
  }
  const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN)
  const commitOnEnter = (event: { key: string; currentTarget: HTMLInputElement }) => {
    if (event.key === 'Enter') event.currentTarget.blur()
  }

  return (
    <section className="fault-presets" aria-label="Fault presets" data-testid="fault-presets">
      <p className="hint">
        Make the local inbox misbehave on purpose, to see what Mailwire shows when a real server does. Presets apply from
        the next command.
      </p>
      <ul>
        <PresetRow
          name="refuseRecipient"
          on={faults.refuseRecipient !== undefined}
          title="Refuse recipients matching"
          effect="550 5.1.1"
          onToggle={(on) => apply({ refuseRecipient: on ? pattern : undefined })}
        >
          <input
            type="text"
            className="fault-value mono"
            aria-label="Recipients to refuse (* matches anything; without @, the local part)"
            data-testid="fault-refuseRecipient-value"
            value={pattern}
            onChange={(event) => setPattern(event.target.value)}
            onKeyDown={commitOnEnter}
            onBlur={() => faults.refuseRecipient !== undefined && pattern !== faults.refuseRecipient && apply({ refuseRecipient: pattern })}
          />
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
          on={faults.slowReplies !== undefined}
          title="Slow replies by"
          effect="late replies"
          onToggle={(on) => apply({ slowReplies: on ? whole(delay) : undefined })}
        >
          <span className="fault-number">
            <input
              type="text"
              inputMode="numeric"
              className="fault-value mono"
              aria-label="Delay of every reply in milliseconds"
              data-testid="fault-slowReplies-value"
              value={delay}
              onChange={(event) => setDelay(event.target.value)}
              onKeyDown={commitOnEnter}
              onBlur={() => faults.slowReplies !== undefined && whole(delay) !== faults.slowReplies && apply({ slowReplies: whole(delay) })}
            />
            ms
          </span>
        </PresetRow>
        <PresetRow
          name="disconnectMidData"
          on={faults.disconnectMidData !== undefined}
          title="Hang up during DATA after"
          effect="no reply"
          onToggle={(on) => apply({ disconnectMidData: on ? whole(cutAfter) : undefined })}
        >
          <span className="fault-number">
            <input
              type="text"
              inputMode="numeric"
              className="fault-value mono"
              aria-label="Bytes of message data before the inbox hangs up"
              data-testid="fault-disconnectMidData-value"
              value={cutAfter}
              onChange={(event) => setCutAfter(event.target.value)}
              onKeyDown={commitOnEnter}
              onBlur={() =>
                faults.disconnectMidData !== undefined && whole(cutAfter) !== faults.disconnectMidData && apply({ disconnectMidData: whole(cutAfter) })
              }
            />
            bytes
          </span>
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
