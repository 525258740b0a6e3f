// Milliseconds on a monotonic clock, as performance.now() counts them, without loading
// node:perf_hooks: that module (and the `performance` global, which loads it) costs about
// 2 ms of every CLI start, while process.hrtime is there from the first line.

/** A monotonic time in milliseconds (fractional); only differences between two calls mean anything. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6
}
