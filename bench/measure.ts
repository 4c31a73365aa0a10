/**
 * Timing helpers for the benchmark: repeated runs after warm-up, median and
 * range, throughput in MB/s (UTF-8 bytes, 1 MB = 10^6 bytes).
 */
import {Buffer} from 'node:buffer'

/** Median, minimum and maximum of a list of numbers. */
export interface Spread {
  median: number
  min: number
  max: number
}

/** Median and range of `values`. */
export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  const median = sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
  return {median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0}
}

/** UTF-8 size of some strings, in MB (10^6 bytes). */
export function megabytes(texts: readonly string[]): number {
  let bytes = 0
  for (const text of texts) bytes += Buffer.byteLength(text, 'utf8')
  return bytes / 1e6
}

function collect(): void {
  const gc = (globalThis as {gc?: () => void}).gc
  if (gc) gc()
}

/**
 * Time `work` `runs` times after `warmup` untimed runs; milliseconds per run.
 * `fresh` forces a full collection before each run (for single large
 * inputs); throughput rows run without one, in the steady state a service
 * runs in: a forced collection shrinks the young generation and, measured
 * here, halves the throughput of the next run of allocating code.
 */
export function time(work: () => void, runs: number, warmup: number, fresh = false): number[] {
  for (let index = 0; index < warmup; index++) work()
  const out: number[] = []
  for (let index = 0; index < runs; index++) {
    if (fresh) collect()
    const start = performance.now()
    work()
    out.push(performance.now() - start)
  }
  return out
}

/** A throughput row: MB/s and items/s from the times of several runs over the same items. */
export interface Throughput {
  mbps: Spread
  perSecond: Spread
}

/** Convert run times (ms) over `mb` MB and `count` items into rates. */
export function throughput(times: readonly number[], mb: number, count: number): Throughput {
  return {
    mbps: spread(times.map((ms) => mb / (ms / 1000))),
    perSecond: spread(times.map((ms) => count / (ms / 1000)))
  }
}

/**
 * Time two jobs in alternation (a, b, a, b, ...) after `warmup` rounds of
 * each, so both see the same machine load and JIT state; milliseconds per run.
 */
export function timePair(a: () => void, b: () => void, runs: number, warmup: number): [number[], number[]] {
  for (let index = 0; index < warmup; index++) {
    a()
    b()
  }
  const first: number[] = []
  const second: number[] = []
  for (let index = 0; index < runs; index++) {
    let start = performance.now()
    a()
    first.push(performance.now() - start)
    start = performance.now()
    b()
    second.push(performance.now() - start)
  }
  return [first, second]
}
