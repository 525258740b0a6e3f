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

/** "Compare with" any other History entry: the open session becomes B, the chosen one A. */
export function CompareControl({ openId, host, port }: { openId: string; host: string; port: number }) {
  const store = useAppStoreApi()
  const list = useAppStore((state) => state.history.list)
  const others = list.filter((entry) => entry.id !== openId)
  const [chosen, setChosen] = useState(() => defaultOther(list, openId, host, port))
  if (others.length === 0) return null
  const value = others.some((entry) => entry.id === chosen) ? chosen : (others[0]?.id ?? '')
  return (
    <span className="compare-control">
      <label>
        <span className="visually-hidden">Compare with</span>
        <select data-testid="compare-with" value={value} onChange={(event) => setChosen(event.target.value)} aria-label="Compare with">
          {others.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {formatFullTime(entry.startedAt)} · {entry.subject || '(no subject)'} · {entry.host}:{entry.port}
            </option>
          ))}
        </select>
      </label>
      <button type="button" data-testid="compare-button" onClick={() => void store.getState().compareOpenWith(value)}>
        Compare
      </button>
    </span>
  )
}
