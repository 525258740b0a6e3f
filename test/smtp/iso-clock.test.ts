import { describe, expect, it } from 'vitest'
import { isoTime } from '../../main/smtp/iso-clock'

describe('isoTime', () => {
  it('writes what Date#toISOString writes, across seconds, days and years', () => {
    const starts = [0, 999, 1000, Date.UTC(2026, 11, 31, 23, 59, 59, 990), Date.UTC(2024, 1, 29, 12, 0, 0, 0), Date.now()]
    for (const start of starts) {
      // Forward and back again: the second kept from the last call must not leak into the next.
      for (const ms of [start, start + 1, start + 9, start + 10, start + 99, start + 100, start + 1001, start, start + 25_000]) {
        expect(isoTime(ms)).toBe(new Date(ms).toISOString())
      }
    }
  })

  it('is the time now when given none', () => {
    const before = Date.now()
    const shown = Date.parse(isoTime())
    expect(shown).toBeGreaterThanOrEqual(before)
    expect(shown).toBeLessThanOrEqual(Date.now())
  })
})
