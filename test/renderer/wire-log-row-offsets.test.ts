import { describe, expect, it } from 'vitest'
import { RowOffsets } from '../../renderer/src/features/wire-log/row-offsets'

const ROW = 22

/** The obvious O(n) layout the index must agree with. */
function reference(heights: number[]) {
  const tops = [0]
  for (const height of heights) tops.push(tops.at(-1)! + height)
  const positionAt = (y: number) => {
    if (y <= 0) return 0
    for (let position = 0; position < heights.length; position++) if (y < tops[position + 1]!) return position
    return heights.length - 1
  }
  return { tops, positionAt }
}

/** Small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('row offsets', () => {
  it('places one-line rows at multiples of the row height', () => {
    const offsets = new RowOffsets(ROW)
    expect(offsets.offsetOf(0)).toBe(0)
    expect(offsets.offsetOf(100_000)).toBe(2_200_000)
    expect(offsets.totalHeight(3)).toBe(66)
    expect(offsets.positionAt(0, 10)).toBe(0)
    expect(offsets.positionAt(21.9, 10)).toBe(0)
    expect(offsets.positionAt(22, 10)).toBe(1)
    expect(offsets.positionAt(10_000, 10)).toBe(9)
    expect(offsets.positionAt(-5, 10)).toBe(0)
    expect(offsets.positionAt(5, 0)).toBe(-1)
  })

  it('adds the extra height of the few taller rows before a position', () => {
    const offsets = new RowOffsets(ROW)
    expect(offsets.setHeight(5, 60)).toBe(38)
    expect(offsets.setHeight(2, 30)).toBe(8)
    expect(offsets.variableRows).toBe(2)
    expect(offsets.offsetOf(2)).toBe(44)
    expect(offsets.offsetOf(3)).toBe(74)
    expect(offsets.offsetOf(5)).toBe(5 * ROW + 8)
    expect(offsets.offsetOf(6)).toBe(6 * ROW + 8 + 38)
    expect(offsets.heightOf(5)).toBe(60)
    expect(offsets.heightOf(4)).toBe(ROW)
    // Anywhere inside the tall row finds it; just below finds the next.
    expect(offsets.positionAt(5 * ROW + 8, 10)).toBe(5)
    expect(offsets.positionAt(5 * ROW + 8 + 59, 10)).toBe(5)
    expect(offsets.positionAt(5 * ROW + 8 + 60, 10)).toBe(6)
    // Back to one line: the entry goes, and so does its extra height.
    expect(offsets.setHeight(5, ROW)).toBe(-38)
    expect(offsets.variableRows).toBe(1)
    expect(offsets.offsetOf(6)).toBe(6 * ROW + 8)
    expect(offsets.setHeight(7, ROW)).toBe(0)
  })

  it('accepts rows shorter than one line', () => {
    const offsets = new RowOffsets(ROW)
    offsets.setHeight(0, 10)
    expect(offsets.offsetOf(1)).toBe(10)
    expect(offsets.positionAt(9, 5)).toBe(0)
    expect(offsets.positionAt(10, 5)).toBe(1)
  })

  it('rebuilds from unordered entries, leaving out one-line ones', () => {
    const offsets = new RowOffsets(ROW)
    offsets.setHeight(1, 99)
    offsets.reset([
      [9, 40],
      [3, ROW],
      [4, 50],
    ])
    expect(offsets.variableRows).toBe(2)
    expect(offsets.heightOf(1)).toBe(ROW)
    expect(offsets.offsetOf(10)).toBe(10 * ROW + 28 + 18)
  })

  it('refuses heights that are not positive', () => {
    expect(() => new RowOffsets(0)).toThrow(RangeError)
    expect(() => new RowOffsets(ROW).setHeight(1, 0)).toThrow(RangeError)
    expect(() => new RowOffsets(ROW).setHeight(1, Number.NaN)).toThrow(RangeError)
  })

  it('agrees with a full prefix sum over random heights and random updates', () => {
    const next = random(9)
    for (let round = 0; round < 40; round++) {
      const count = 1 + Math.floor(next() * 300)
      const heights = new Array<number>(count).fill(ROW)
      const offsets = new RowOffsets(ROW)
      for (let update = 0; update < 60; update++) {
        const position = Math.floor(next() * count)
        // Mostly taller rows, sometimes back to one line, sometimes fractional.
        const roll = next()
        const height = roll < 0.25 ? ROW : roll < 0.5 ? 1 + next() * 40 : ROW + Math.floor(next() * 400)
        expect(offsets.setHeight(position, height)).toBeCloseTo(height - heights[position]!, 9)
        heights[position] = height
      }
      const { tops, positionAt } = reference(heights)
      for (let position = 0; position <= count; position++) expect(offsets.offsetOf(position)).toBeCloseTo(tops[position]!, 6)
      for (let position = 0; position < count; position++) expect(offsets.heightOf(position)).toBe(heights[position])
      expect(offsets.totalHeight(count)).toBeCloseTo(tops[count]!, 6)
      for (let probe = 0; probe < 200; probe++) {
        const y = next() * (tops[count]! + 50) - 10
        expect(offsets.positionAt(y, count)).toBe(positionAt(y))
      }
      // Every row's own top finds that row.
      for (let position = 0; position < count; position++) expect(offsets.positionAt(tops[position]!, count)).toBe(positionAt(tops[position]!))
    }
  })
})
