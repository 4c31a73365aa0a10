/**
 * A profiling harness, not a benchmark: explains the corpus in a loop so
 * `node --cpu-prof --import tsx bench/profile.ts [plain|markdown|big] [seconds]`
 * writes a CPU profile of the hot path. Measures the built bundles in `dist/bundle/`.
 */
import {resolve} from 'node:path'
import {pathToFileURL} from 'node:url'
import {bigInput, generateCorpus} from './corpus.js'

type Entry = typeof import('../src/index.js')
const {explain} = (await import(pathToFileURL(resolve(import.meta.dirname, '../dist/bundle/index.js')).href)) as Entry

const mode = process.argv[2] ?? 'plain'
const seconds = Number(process.argv[3] ?? 5)
const {reports, markdown} = generateCorpus(500)
const texts = mode === 'markdown' ? markdown : mode === 'big' ? [bigInput(reports, 5_000_000)] : reports
const format = mode === 'markdown' ? 'markdown' : 'text'
const until = performance.now() + seconds * 1000
let rounds = 0
while (performance.now() < until) {
  for (const text of texts) explain(text, {format})
  rounds++
}
process.stdout.write(`${rounds} rounds\n`)
