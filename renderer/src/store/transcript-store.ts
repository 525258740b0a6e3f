import type { SendResult, WireEvent } from '../../../preload/contract'
import type { LogStore, LogStoreFactory } from './log-store'

/** A session that is over: its wire events and, for our own sessions, its result. */
export interface FinishedSession {
  /** Names the log; a different id starts a different log. */
  sessionId: string
  events: WireEvent[]
  result?: SendResult
  /** Our history entry: the wire log's Export buttons export it. */
  historyId?: string
  /** Why its message was not kept for the .eml export, when it was not. */
  emlNotKept?: string
}

/**
 * A log store of its own for one finished session, so the History and Inbox views show it
 * in the very WireLog and ResultPanel of the Send view (filter, search, copy, export, reply
 * code explanations) without touching the live session's state. `like` carries the
 * filter of the transcript shown before, so moving between entries keeps the user's view.
 */
export function transcriptStore(fresh: LogStoreFactory, session: FinishedSession, like?: LogStore): LogStore {
  const store = fresh()
  const state = store.getState()
  const previous = like?.getState().wireLog
  if (previous) state.setLogFilter(previous.filter)
  state.appendWireBatch({ sessionId: session.sessionId, events: session.events })
  if (session.result) {
    store.setState({
      session: {
        status: 'done',
        sessionId: session.sessionId,
        result: session.result,
        ...(session.historyId ? { historyId: session.historyId } : {}),
        ...(session.emlNotKept !== undefined ? { emlNotKept: session.emlNotKept } : {}),
      },
    })
  }
  // A transcript is read from its beginning, not followed to its end.
  state.setFollow(false)
  return store
}
