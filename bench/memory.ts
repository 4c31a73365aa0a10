/**
 * The memory row of `npm run bench` alone, in seconds instead of minutes:
 * peak resident memory of one `explain()` over the benchmark's 10 MB plain
 * input, in a fresh process, measuring the built bundle in `dist/bundle/`.
 * `npm run build && node --expose-gc --import tsx bench/memory.ts [processes]`
 */
import {resolve} from 'node:path'
import {peakMemory} from './children.js'
import {bigInput, generateCorpus} from './corpus.js'

const SEED = 20261122
const entry = resolve(import.meta.dirname, '../dist/bundle/index.js')
const big = bigInput(generateCorpus(2000, SEED).reports, 10_000_000)
const budget = 10 * 10 + 60
for (let run = 0; run < Number(process.argv[2] ?? 1); run++) {
  const memory = peakMemory(entry, big)
  process.stdout.write(
    `peak ${memory.peak.toFixed(0)} MB resident (Node and package ${memory.baseline.toFixed(0)} MB; target < ${budget} MB: ${memory.peak < budget ? 'PASS' : 'FAIL'}); ` +
      `result ${memory.result.toFixed(0)} MB, ${memory.annotations.toLocaleString('en-US')} annotations; ${memory.ms.toFixed(0)} ms\n`
  )
}
