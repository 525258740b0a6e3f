// Small statistics over repeated runs: benchmarks report the median (and the best) of
// several runs, because the machine is shared and single runs are noisy.

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1]!
}

export const best = (values: number[], higherIsBetter: boolean): number =>
  values.length === 0 ? Number.NaN : higherIsBetter ? Math.max(...values) : Math.min(...values)

/** "1.23" with a fixed number of decimals, or "n/a" for NaN. */
export function fixed(value: number | undefined, decimals = 1): string {
  return value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(decimals)
}

/** "2.1x": ours against a peer, oriented so that more than 1 means we are better. */
export function ratio(ours: number, peer: number, higherIsBetter: boolean): string {
  if (!Number.isFinite(ours) || !Number.isFinite(peer) || ours === 0 || peer === 0) return 'n/a'
  return `${(higherIsBetter ? ours / peer : peer / ours).toFixed(2)}x`
}
