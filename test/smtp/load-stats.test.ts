// The load send's figures from results fed by hand: percentiles by nearest rank, the code
// that ended each message, distinct failures kept once with their transcript, rate.
import { describe, expect, it } from 'vitest'
import { endingCode, LoadStats, MAX_DISTINCT_FAILURES, latencyFigures, percentile } from '../../main/smtp/load/stats'
import type { Reply, SendResult, WireEvent } from '../../main/smtp/types'

const reply = (code: number, text: string, enhanced?: string): Reply => ({ code, lines: [text], ...(enhanced ? { enhanced } : {}) })
const timing = [{ phase: 'mail' as const, start: 0, end: 1 }]

function sent(durationMs: number, queueId = 'Q1'): SendResult {
  return { status: 'sent', recipients: [{ address: 'b@x.test', accepted: true, reply: reply(250, 'ok') }], finalReply: reply(250, `queued as ${queueId}`), timings: timing, dataBytes: 100, startedAt: '', durationMs }
}

function refused(text: string): SendResult {
  return { status: 'refused', recipients: [{ address: 'b@x.test', accepted: false, reply: reply(550, text, '5.1.1') }], timings: timing, dataBytes: 0, startedAt: '', durationMs: 3 }
}

const event = (text: string): WireEvent => ({ seq: 0, at: 0, kind: 'server', text, phase: 'rcpt', secure: false })

describe('percentiles', () => {
  it('takes the nearest rank: 1..100 gives 50, 95, 99', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i)
    expect(latencyFigures(values)).toEqual({ p50: 50, p95: 95, p99: 99, max: 100 })
  })

  it('sorts numerically, not as text', () => {
    expect(latencyFigures([9, 10, 100, 2])).toEqual({ p50: 9, p95: 100, p99: 100, max: 100 })
  })

  it('gives the only value for one, nothing for none', () => {
    expect(latencyFigures([7])).toEqual({ p50: 7, p95: 7, p99: 7, max: 7 })
    expect(latencyFigures([])).toBeUndefined()
    expect(percentile([], 50)).toBe(0)
  })
})

describe('the code that ended a message', () => {
  it('is the final reply, else the refusal, else the error code', () => {
    expect(endingCode(sent(1))).toBe('250')
    expect(endingCode(refused('no such user'))).toBe('550')
    const dropped: SendResult = { ...sent(1), status: 'unknown', error: { code: 'ETIMEOUT', message: 'no reply' } }
    delete dropped.finalReply
    expect(endingCode(dropped)).toBe('ETIMEOUT')
  })
})

describe('LoadStats', () => {
  it('counts codes, keeps the first of each kind of failure with its transcript, and rates the run', () => {
    const stats = new LoadStats(6, 2, 1000)
    stats.addResult(sent(10, 'AAA1'), { connection: 1, message: 0 }, () => [])
    stats.addResult(refused('user 17 unknown'), { connection: 2, message: 1 }, () => [event('550 5.1.1 user 17 unknown')])
    stats.addResult(sent(20, 'BBB2'), { connection: 1, message: 2 }, () => [])
    // The same refusal with another number: one kind, counted twice, the first transcript kept.
    stats.addResult(refused('user 42 unknown'), { connection: 1, message: 3 }, () => [event('later')])
    const dataRefused: SendResult = { ...sent(5), status: 'failed', finalReply: reply(451, 'try later', '4.3.0') }
    stats.addResult(dataRefused, { connection: 2, message: 4 }, () => [event('451 4.3.0 try later')])
    stats.end(3000, false)
    const snapshot = stats.snapshot(9999)
    expect(snapshot).toMatchObject({ requested: 6, finished: 5, accepted: 2, failed: 3, notSent: 1, elapsedMs: 2000, messagesPerSecond: 2.5, done: true })
    expect(snapshot.replyCodes).toEqual({ '250': 2, '451': 1, '550': 2 })
    expect(snapshot.failures.map((f) => [f.summary, f.count, f.connection, f.message])).toEqual([
      ['550 5.1.1 user 17 unknown', 2, 2, 1],
      ['451 4.3.0 try later', 1, 2, 4],
    ])
    expect(snapshot.failures[0]!.transcript.map((e) => e.text)).toEqual(['550 5.1.1 user 17 unknown'])
    expect(snapshot.latencyMs).toEqual({ p50: 5, p95: 20, p99: 20, max: 20 })
  })

  it('keeps a connection that failed before any message as a failure of its own', () => {
    const stats = new LoadStats(4, 2, 0)
    stats.addConnectionFailure({ code: 'ECONNECT', message: 'connection refused' }, 2, () => [event('* connecting')])
    stats.addNotSent(2)
    const snapshot = stats.snapshot(500)
    expect(snapshot.replyCodes).toEqual({ ECONNECT: 1 })
    expect(snapshot.failures[0]).toMatchObject({ summary: 'ECONNECT connection refused', connection: 2 })
    expect(snapshot.failures[0]).not.toHaveProperty('message')
    expect(snapshot).toMatchObject({ notSent: 2, done: false })
  })

  it('keeps at most MAX_DISTINCT_FAILURES kinds', () => {
    const stats = new LoadStats(100, 1, 0)
    for (let i = 0; i < MAX_DISTINCT_FAILURES + 5; i++) {
      const failure: SendResult = { ...sent(1), status: 'failed', finalReply: reply(554, `reason ${'x'.repeat(i)}`) }
      stats.addResult(failure, { connection: 1, message: i }, () => [])
    }
    expect(stats.snapshot(1).failures).toHaveLength(MAX_DISTINCT_FAILURES)
  })
})
