/**
 * `npm run bench`: bme-explain against the scan floor, compromise and
 * remark-parse, in one process run over a seeded corpus, plus cold start,
 * scaling, peak memory and bundle sizes. Prints one table and whether each
 * target of issue 6 is met. Measures the built bundles in `dist/bundle/`.
 *
 * Options: `--runs N` (timed runs per row, default 7), `--quick` (200
 * reports, 3 runs: for a smoke test, not for figures).
 */
import {cpus} from 'node:os'
import {resolve} from 'node:path'
import {pathToFileURL} from 'node:url'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {bundleSize, bundleSource, ENTRIES} from './bundle.js'
import {coldStarts, importTime, peakMemory, type ColdStart} from './children.js'
import {compromiseFind, compromisePatterns, lexiconPhrases, morphology} from './compromise.js'
import {bigInput, generateCorpus} from './corpus.js'
import {megabytes, spread, throughput, time, timePair, type Spread, type Throughput} from './measure.js'

type Entry = typeof import('../src/index.js')

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const runsArg = args.indexOf('--runs')
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : quick ? 3 : 7
const WARMUP = 2
const REPORTS = quick ? 200 : 2000
const COMPROMISE_SAMPLE = quick ? 5 : 20
const PROCESSES = quick ? 3 : 11
const SEED = 20261122

const root = resolve(import.meta.dirname, '..')
const indexEntry = resolve(root, 'dist/bundle/index.js')
const coreEntry = resolve(root, 'dist/bundle/core.js')
const {explain, defaultLexicon} = (await import(pathToFileURL(indexEntry).href)) as Entry

const out: string[] = []
function print(line = ''): void {
  out.push(line)
  process.stdout.write(line + '\n')
}
function fixed(value: number, digits = 1): string {
  return value.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits})
}
function range(value: Spread, digits = 1): string {
  return `${fixed(value.median, digits)} (${fixed(value.min, digits)}–${fixed(value.max, digits)})`
}
function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'FAIL'
}

// Corpus.
const {reports, markdown} = generateCorpus(REPORTS, SEED)
const plainMB = megabytes(reports)
const markdownMB = megabytes(markdown)
const big = bigInput(reports, 10_000_000)
const lexicon = defaultLexicon
const phrases = lexiconPhrases(lexicon)
const forms = lexicon.concepts.reduce((sum, concept) => sum + concept.forms.length + (concept.tied?.forms.length ?? 0), 0)

print(`bme-explain benchmark, ${new Date().toISOString().slice(0, 10)}; Node ${process.version}; ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}`)
print(
  `Corpus: ${REPORTS.toLocaleString('en-US')} generated MSK reports (seed ${SEED}), ${fixed(plainMB, 2)} MB as plain text, ${fixed(markdownMB, 2)} MB as markdown; one 10 MB string.`
)
print(
  `Lexicon ${lexicon.version}: ${lexicon.concepts.length} concepts, ${forms} forms, ${lexicon.cues.reduce((sum, cue) => sum + cue.phrases.length, 0)} cue phrases, ${phrases.length} phrases in all.`
)
print(`Each row: median (min–max) of ${RUNS} timed runs after ${WARMUP} warm-up runs, in one process, each run timed in alternation with the row it is compared with (explain/floor, markdown/remark), with no forced garbage collection between runs; 1 MB = 10^6 bytes of UTF-8.`)
print()

// Throughput.
let sink = 0
function each(texts: readonly string[], work: (text: string) => number): () => void {
  return () => {
    for (const text of texts) sink += work(text)
  }
}

const scanFloor = each(reports, (text) => {
  const words = /\w+/g
  const lower = text.toLowerCase()
  let count = 0
  while (words.exec(lower)) count++
  return count
})
const parser = unified().use(remarkParse)
// Each job is timed in alternation with the one it is compared with.
const [patientTimes, floorTimes] = timePair(each(reports, (text) => explain(text).annotations.length), scanFloor, RUNS, WARMUP)
const [clinicianTimes] = timePair(each(reports, (text) => explain(text, {audience: 'clinician'}).annotations.length), scanFloor, RUNS, WARMUP)
const [markdownTimes, remarkTimes] = timePair(
  each(markdown, (text) => explain(text, {format: 'markdown'}).annotations.length),
  each(markdown, (text) => parser.parse(text).children.length),
  RUNS,
  WARMUP
)
const rows: [string, Throughput][] = []
const patient = throughput(patientTimes, plainMB, reports.length)
rows.push(['explain(), plain text, patient', patient])
const clinician = throughput(clinicianTimes, plainMB, reports.length)
rows.push(['explain(), plain text, clinician', clinician])
const md = throughput(markdownTimes, markdownMB, markdown.length)
rows.push(['explain(), markdown', md])
const remark = throughput(remarkTimes, markdownMB, markdown.length)
rows.push(['remark-parse alone, same markdown', remark])
const floor = throughput(floorTimes, plainMB, reports.length)
rows.push(['scan floor: toLowerCase + one /\\w+/g pass', floor])
const sample = reports.slice(0, COMPROMISE_SAMPLE)
const patterns = compromisePatterns(phrases)
const compromise = throughput(time(each(sample, (text) => compromiseFind(text, patterns)), RUNS, 1), megabytes(sample), sample.length)
rows.push([`compromise: nlp(text) + ${patterns.length} .match() (${sample.length} reports)`, compromise])

const label = Math.max(...rows.map(([name]) => name.length))
print(`| ${'Throughput'.padEnd(label)} | ${'MB/s'.padStart(22)} | ${'reports/s'.padStart(25)} |`)
print(`| ${'-'.repeat(label)} | ${'-'.repeat(21)}: | ${'-'.repeat(24)}: |`)
for (const [name, row] of rows) {
  print(`| ${name.padEnd(label)} | ${range(row.mbps).padStart(22)} | ${range(row.perSecond, 0).padStart(25)} |`)
}
print()

const ratioFloor = patient.mbps.median / floor.mbps.median
const ratioClinicianFloor = clinician.mbps.median / floor.mbps.median
const ratioCompromise = Math.min(patient.mbps.median, clinician.mbps.median) / compromise.mbps.median
const ratioRemark = md.mbps.median / remark.mbps.median
print('Ratios (medians, same run):')
print(`- explain / scan floor: ${fixed(ratioFloor, 2)} patient, ${fixed(ratioClinicianFloor, 2)} clinician (target ≥ 0.30): ${verdict(Math.min(ratioFloor, ratioClinicianFloor) >= 0.3)}`)
print(`- explain / compromise: ${fixed(ratioCompromise, 0)}× (target ≥ 100×): ${verdict(ratioCompromise >= 100)}`)
print(`- explain markdown / remark-parse alone: ${fixed(ratioRemark, 2)} (target ≥ 0.80): ${verdict(ratioRemark >= 0.8)}`)
print()

// Cold start: the two entries in alternate fresh processes.
const first = reports[0] ?? ''
const [coldCore = [], coldIndex = []] = coldStarts([coreEntry, indexEntry], first, PROCESSES)
function coldLine(name: string, runs: readonly ColdStart[], target: number | undefined): string {
  const total = spread(runs.map((run) => run.ms))
  const imported = spread(runs.map((run) => run.importMs))
  const explained = spread(runs.map((run) => run.ms - run.importMs))
  const goal = target === undefined ? '' : ` (target < ${target} ms): ${verdict(total.median < target)}`
  return `- ${name}: ${range(total)} ms${goal}; import ${fixed(imported.median)} ms, first explain() ${fixed(explained.median)} ms (medians)`
}
print(`Cold start (fresh process, import + explain() of a ${fixed(first.length / 1000, 1)} kB report; median (min–max) of ${PROCESSES} processes; the target applies to the browser entry):`)
print(coldLine("'bme-explain/core' (dist/bundle/core.js, the browser entry)", coldCore, 30))
print(coldLine("'bme-explain' (dist/bundle/index.js, imports micromark)", coldIndex, undefined))
print()

// Scaling.
const sizes = [1, 2, 5, 10]
const scaling = sizes.map((size) => {
  const text = big.slice(0, size * 1_000_000)
  return {size, ms: spread(time(() => void (sink += explain(text).annotations.length), quick ? 3 : 5, 1))}
})
print('Scaling (one plain-text input of each size; median (min–max) of 5 runs after 1 warm-up):')
print(`| Input | ${'ms'.padStart(24)} | MB/s |`)
print(`| ----: | ${'-'.repeat(23)}: | ---: |`)
for (const row of scaling) print(`| ${`${row.size} MB`.padStart(5)} | ${range(row.ms).padStart(24)} | ${fixed(row.size / (row.ms.median / 1000), 1).padStart(4)} |`)
const one = scaling[0]?.ms.median ?? 0
const ten = scaling[3]?.ms.median ?? 0
const growth = ten / (10 * one)
print(`- 10 MB time / (10 × 1 MB time): ${fixed(growth, 2)} (target ≤ 1.25): ${verdict(growth <= 1.25)}`)
const memory = peakMemory(indexEntry, big)
const budget = 10 * 10 + 60
print(
  `- peak memory, 10 MB input (fresh process): ${fixed(memory.peak, 0)} MB resident in all (Node and package ${fixed(memory.baseline, 0)} MB before the input) (target < 10 × 10 MB + 60 MB = ${budget} MB): ${verdict(memory.peak < budget)}`
)
print(`  of which the returned result keeps ${fixed(memory.result, 0)} MB of heap: ${memory.annotations.toLocaleString('en-US')} annotations, ${fixed((memory.result * 1e6) / Math.max(1, memory.annotations), 0)} bytes each`)
print()

// Bundles.
print('Bundle sizes (esbuild, ESM, minified; gzip at the default level):')
for (const [name, file, target] of ENTRIES) {
  const size = await bundleSize(resolve(root, file))
  if (!size) {
    print(`- ${name}: skipped, ${file} does not exist yet`)
    continue
  }
  const goal = target === undefined ? '' : ` (target ≤ ${target / 1000} KB): ${verdict(size.gzipped <= target)}`
  print(`- ${name}: ${fixed(size.minified / 1000)} KB minified, ${fixed(size.gzipped / 1000)} KB gzipped${goal}`)
}
print()

// compromise for morphology, off the hot path.
const morph = morphology(lexicon)
const compromiseImport = spread(importTime('compromise', quick ? 1 : 3))
const compromiseOne = spread(importTime('compromise/one', quick ? 1 : 3))
const oneSize = await bundleSource("import nlp from 'compromise/one'; export default nlp")
const threeSize = await bundleSource("import nlp from 'compromise'; export default nlp")
const lowerCorpus = reports.join('\n').toLowerCase()
const used = morph.added.filter((variant) => new RegExp(`(?<![\\p{L}\\p{N}])${variant.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]+')}(?![\\p{L}\\p{N}])`, 'u').test(lowerCorpus))
print('compromise as lexicon-compile-time morphology (plural and singular of every concept form):')
print(`- import: ${fixed(compromiseImport.median, 0)} ms full, ${fixed(compromiseOne.median, 0)} ms 'compromise/one' (fresh process, median)`)
print(`- bundle: ${fixed(threeSize.gzipped / 1000)} KB gzipped full, ${fixed(oneSize.gzipped / 1000)} KB 'compromise/one' (noun inflection needs the full build)`)
print(`- ${morph.forms} forms inflected in ${fixed(morph.ms, 0)} ms; ${morph.added.length} variants the lexicon does not list, ${used.length} of them present in the corpus${used.length ? `: ${used.slice(0, 8).join(', ')}` : ''}`)
print(`- examples of added variants: ${morph.added.slice(0, 10).join(', ')}`)
print()
if (sink === 0) print('(no annotations found: check the corpus)')
