import { useState } from 'react'
import type { HistorySummary } from '../../../../preload/contract'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { formatFullTime } from '../../shared/format-time'

/** The entry to offer first: the previous send to the same server, else the newest other one. */
function defaultOther(list: HistorySummary[], openId: string, host: string, port: number): string {
  const index = list.findIndex((entry) => entry.id === openId)
  const older = index >= 0 ? list.slice(index + 1) : list
  const sameServer = older.find((entry) => entry.host === host && entry.port === port)
  return (sameServer ?? list.find((entry) => entry.id !== openId))?.id ?? ''
}

/**
 * "Compare with" any other History entry or any other session file opened in this run:
 * the open session becomes B, the chosen one A.
 */
export function CompareControl({ openId, host, port }: { openId: string; host: string; port: number }) {
  const store = useAppStoreApi()
  const list = useAppStore((state) => state.history.list)
  const openEntry = useAppStore((state) => state.history.open?.entry)
  const allOpened = useAppStore((state) => state.history.opened)
  const others = list.filter((entry) => entry.id !== openId)
  const files = (allOpened ?? []).filter((file) => file.entry !== openEntry)
  const [chosen, setChosen] = useState(() => defaultOther(list, openId, host, port) || files[0]?.key || '')
  const keys = [...files.map((file) => file.key), ...others.map((entry) => entry.id)]
  if (keys.length === 0) return null
  const value = keys.includes(chosen) ? chosen : (keys[0] ?? '')
  const historyOptions = others.map((entry) => (
    <option key={entry.id} value={entry.id}>
      {formatFullTime(entry.startedAt)} · {entry.subject || '(no subject)'} · {entry.host}:{entry.port}
    </option>
  ))
  return (
    <span className="compare-control">
      <label>
        <span className="visually-hidden">Compare with</span>
        <select data-testid="compare-with" value={value} onChange={(event) => setChosen(event.target.value)} aria-label="Compare with">
          {files.length === 0 ? (
            historyOptions
          ) : (
            <>
              <optgroup label="Opened files">
                {files.map((file) => (
                  <option key={file.key} value={file.key}>
                    {file.name} · {formatFullTime(file.entry.summary.startedAt)} · {file.entry.summary.host}:{file.entry.summary.port}
                  </option>
                ))}
              </optgroup>
              {others.length > 0 && <optgroup label="History">{historyOptions}</optgroup>}
            </>
          )}
        </select>
      </label>
      <button type="button" data-testid="compare-button" onClick={() => void store.getState().compareOpenWith(value)}>
        Compare
      </button>
    </span>
  )
}
