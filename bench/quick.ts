/**
 * A quick check while optimising, not the benchmark: explain() against the
 * scan floor on 500 reports, several alternating rounds, in one process.
 * `node --import tsx bench/quick.ts [markdown]` (measures `dist/`).
 */
import {resolve} from 'node:path'
import {pathToFileURL} from 'node:url'
import {generateCorpus} from './corpus.js'
import {megabytes, spread} from './measure.js'

type Entry = typeof import('../src/index.js')
const {explain} = (await import(pathToFileURL(resolve(import.meta.dirname, '../dist/bundle/index.js')).href)) as Entry
const {reports, markdown} = generateCorpus(Number(process.env.REPORTS ?? 500))
const markdownMode = process.argv[2] === 'markdown'
const texts = markdownMode ? markdown : reports
const mb = megabytes(texts)
const floor: number[] = []
const ours: number[] = []
let sink = 0
for (let round = 0; round < 12; round++) {
  let start = performance.now()
  for (const text of texts) {
    const words = /\w+/g
    const lower = text.toLowerCase()
    while (words.exec(lower)) sink++
  }
  floor.push(mb / ((performance.now() - start) / 1000))
  start = performance.now()
  for (const text of texts) sink += explain(text, {format: markdownMode ? 'markdown' : 'text'}).annotations.length
  ours.push(mb / ((performance.now() - start) / 1000))
}
const f = spread(floor.slice(2))
const o = spread(ours.slice(2))
process.stdout.write(`floor ${f.median.toFixed(1)} MB/s, explain ${o.median.toFixed(1)} MB/s, ratio ${(o.median / f.median).toFixed(3)} (${sink > 0 ? 'ok' : 'none'})\n`)
