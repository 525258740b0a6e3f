// What every benchmark gets from the orchestrator.
export interface BenchContext {
  /** The repository root. */
  root: string
  /** Where bench/run.mjs bundled the benchmark entries (one .mjs per process). */
  bundleDir: string
  /** A scratch directory for generated messages, removed at the end. */
  workDir: string
  /** Measured runs per client (the median is reported). */
  runs: number
  log(line: string): void
}
