import { useShallow } from 'zustand/react/shallow'
import type { ExportFormat } from '../../../../preload/contract'
import { useLogStore, useLogStoreApi } from '../../store/log-store-context'
import { LOG_FILTERS } from '../../store/wire-log-model'
import { formatEventLines } from './format-line'
import { selectedEvents } from './log-selection'
import { copyText } from '../../shared/clipboard'
import styles from './wire-log.module.css'

const EXPORTS: ReadonlyArray<{ format: ExportFormat; label: string }> = [
  { format: 'text', label: 'Text' },
  { format: 'json', label: 'JSON' },
  { format: 'eml', label: '.eml' },
]

interface WireLogToolbarProps {
  onCopied(lines: number): void
}

export function WireLogToolbar({ onCopied }: WireLogToolbarProps) {
  const store = useLogStoreApi()
  const { filter, query, activeHit, hitCount, total, hasSelection, historyId, emlNotKept } = useLogStore(
    useShallow((state) => ({
      filter: state.wireLog.filter,
      query: state.wireLog.query,
      activeHit: state.wireLog.activeHit,
      hitCount: state.wireLog.model.hitCount,
      total: state.wireLog.model.total,
      hasSelection: state.wireLog.selection !== null,
      historyId: state.session.historyId,
      emlNotKept: state.session.emlNotKept,
    })),
  )
  const copy = (all: boolean) => {
    const { wireLog } = store.getState()
    const events = all ? wireLog.model.allEvents() : selectedEvents(wireLog.model, wireLog.selection)
    if (events.length === 0) return
    void copyText(formatEventLines(events)).then((ok) => ok && onCopied(events.length))
  }

  return (
    <div className={styles['wire-toolbar']} role="toolbar" aria-label="Wire log tools">
      <div className="segmented" role="radiogroup" aria-label="Show">
        {LOG_FILTERS.map((option) => (
          <label key={option.value} className={filter === option.value ? 'active' : ''}>
            <input
              type="radio"
              name="wire-filter"
              value={option.value}
              checked={filter === option.value}
              data-testid={`filter-${option.value}`}
              onChange={() => store.getState().setLogFilter(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
      <div className={styles['search']}>
        <input
          type="search"
          placeholder="Search the log"
          aria-label="Search the log"
          data-testid="log-search"
          value={query}
          onChange={(event) => store.getState().setLogQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault()
              store.getState().stepHit(event.shiftKey ? -1 : 1)
            }
          }}
        />
        <span className={styles['search-count']} data-testid="search-count" aria-live="polite">
          {query ? (hitCount === 0 ? 'no match' : `${activeHit + 1} of ${hitCount.toLocaleString('en')}`) : ''}
        </span>
        <button
          type="button"
          className="icon-button"
          aria-label="Previous match"
          data-testid="search-previous"
          disabled={hitCount === 0}
          onClick={() => store.getState().stepHit(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Next match"
          data-testid="search-next"
          disabled={hitCount === 0}
          onClick={() => store.getState().stepHit(1)}
        >
          ↓
        </button>
      </div>
      <div className={styles['toolbar-group']}>
        <button type="button" data-testid="copy-selection" disabled={!hasSelection} onClick={() => copy(false)}>
          Copy
        </button>
        <button type="button" data-testid="copy-all" disabled={total === 0} onClick={() => copy(true)}>
          Copy all
        </button>
      </div>
      <div className={styles['toolbar-group']} role="group" aria-label="Export the finished session">
        <span className={styles['toolbar-label']}>Export</span>
        {EXPORTS.map((option) => (
          <button
            key={option.format}
            type="button"
            data-testid={`export-${option.format}`}
            // An .eml that was not kept cannot be exported: say why instead of failing on click.
            disabled={!historyId || (option.format === 'eml' && emlNotKept !== undefined)}
            title={
              !historyId ? 'Available once the session has finished' : option.format === 'eml' && emlNotKept !== undefined ? `.eml not kept: ${emlNotKept}` : undefined
            }
            onClick={() => void store.getState().exportSession(option.format)}
          >
            {option.label}
          </button>
        ))}
      </div>
    </div>
  )
}
