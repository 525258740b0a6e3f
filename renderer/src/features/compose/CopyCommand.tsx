import { useState } from 'react'
import type { CommandTool } from '../../../../preload/contract'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { copyText } from '../../shared/clipboard'
import styles from './command.module.css'

const TOOLS: Array<{ tool: CommandTool; label: string }> = [
  { tool: 'mailwire', label: 'mailwire' },
  { tool: 'swaks', label: 'swaks' },
  { tool: 'curl', label: 'curl' },
  { tool: 'openssl', label: 'openssl s_client (the connection)' },
]

/** Copy as command: the message and server as another tool's command, written by main without secrets. */
export function CopyCommand() {
  const store = useAppStoreApi()
  const { command, error, pending } = useAppStore((state) => state.sendCommand)
  const [tool, setTool] = useState<CommandTool>('mailwire')
  const [copied, setCopied] = useState<boolean | undefined>(undefined)

  const copy = async () => {
    setCopied(undefined)
    const written = await store.getState().commandFor(tool)
    if (written) setCopied(await copyText(written.text))
  }

  return (
    <div className={styles['copy-command']}>
      <div className={styles['copy-row']}>
        <label>
          Command for{' '}
          <select data-testid="command-tool" value={tool} onChange={(event) => setTool(event.target.value as CommandTool)}>
            {TOOLS.map((choice) => (
              <option key={choice.tool} value={choice.tool}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" data-testid="copy-command" disabled={pending !== undefined} onClick={() => void copy()}>
          Copy as command
        </button>
        <span role="status" className="hint" data-testid="copy-command-status">
          {command && copied === true ? 'Copied.' : command && copied === false ? 'Not copied (no clipboard): select the text below.' : ''}
        </span>
      </div>
      {error && (
        <p role="alert" className={styles['command-error']} data-testid="copy-command-error">
          No command: {error.message}
        </p>
      )}
      {command && (
        <div className={styles['command-box']}>
          <pre tabIndex={0} aria-label={`${command.tool} command`} data-testid="copied-command">
            {command.text}
          </pre>
          <p className="hint">
            {command.env.length > 0 ? `Secrets and files are read from ${command.env.join(', ')}: set them before running it.` : 'It needs no secret.'}{' '}
            <button type="button" data-testid="close-command" onClick={() => store.getState().closeCommand()}>
              Close
            </button>
          </p>
        </div>
      )}
    </div>
  )
}
