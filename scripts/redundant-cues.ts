/**
 * Finds cue phrases that another cue already reads: `npm run cues:redundant
 * -- [--negex <kit dir>]` removes each phrase of lexicon/cues.json in turn
 * and runs every probe text that holds its words (the context cases through
 * `detectContext` on their target; the sample reports, each concept's
 * examples and near misses, and 300 generated reports through `explain`; with
 * `--negex`, the NegEx kit's sentences on their concept). It prints each
 * phrase whose removal changes no context on any of them and that holds a
 * shorter phrase of its own group at its start or end ("no convincing"
 * holds "no"), which is then what reads it.
 *
 * Such a phrase costs the browser entry about 3–4 bytes and reads nothing
 * its shorter phrase does not, on every sentence we have: a candidate to
 * remove (lexicon/CURATING.md, "Size"). Judge each: a longer phrase still
 * reaches a few words further, and rules that look at a cue's own words
 * ("similar", "new", "further") may need it.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {pathToFileURL} from 'node:url'
import {generateCorpus} from '../bench/corpus.js'
import {detectContext, explain} from '../src/index.js'
import {defaultLexicon} from '../src/lexicon/default.js'
import type {LexiconData} from '../src/lexicon/schema.js'

interface Probe {
  text: string
  /** The target of a context case or kit row; `undefined` to explain the whole text. */
  span?: {start: number; end: number} | undefined
}

const root = resolve(import.meta.dirname, '..')

/** Where `target` stands in `text` (its `occurrence`-th time), case and spacing ignored. */
function spanOf(text: string, target: string, occurrence = 1): Probe['span'] {
  const pattern = target
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+')
  const found = [...text.matchAll(new RegExp(pattern, 'gi'))][occurrence - 1]
  return found?.index === undefined ? undefined : {start: found.index, end: found.index + found[0].length}
}

function probes(kit: string | undefined): Probe[] {
  const out: Probe[] = []
  const cases = join(root, 'fixtures/context')
  for (const name of readdirSync(cases)) {
    for (const item of JSON.parse(readFileSync(join(cases, name), 'utf8')) as {text: string; target: string; occurrence?: number}[]) {
      out.push({text: item.text, span: spanOf(item.text, item.target, item.occurrence)})
    }
  }
  const reports = join(root, 'fixtures/reports')
  for (const name of readdirSync(reports)) out.push({text: readFileSync(join(reports, name), 'utf8')})
  for (const concept of defaultLexicon.concepts) for (const text of [...(concept.examples ?? []), ...(concept.nearMisses ?? [])]) out.push({text})
  for (const text of generateCorpus(300, 7).reports) out.push({text})
  if (kit !== undefined) {
    for (const line of readFileSync(join(kit, 'genConText-rsAnnotations-1-120-random.txt'), 'utf8').split(/\r?\n/)) {
      const [, , concept, sentence] = line.split('\t')
      if (concept === undefined || sentence === undefined) continue
      const text = sentence.length > 1 && sentence.startsWith('"') && sentence.endsWith('"') ? sentence.slice(1, -1) : sentence
      out.push({text, span: spanOf(text, concept)})
    }
  }
  return out
}

/** Words only, lower case, padded with spaces: a phrase's words stand in a text when its key does. */
const key = (text: string): string => ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `

/** Everything a probe's reading depends on: the target's context, and each annotation's. */
function reading(probe: Probe, lexicon?: LexiconData): string {
  const options = lexicon === undefined ? {} : {lexicon}
  const target = probe.span === undefined ? undefined : detectContext(probe.text, probe.span, options).context
  return JSON.stringify([target, explain(probe.text, options).annotations.map((annotation) => [annotation.start, annotation.conceptId, annotation.context])])
}

/** The longest other phrase of `phrases` that `phrase` starts or ends with, word for word. */
export function coveringPhrase(phrase: string, phrases: readonly string[]): string | undefined {
  const words = phrase.split(' ')
  let best: string | undefined
  for (const other of phrases) {
    const part = other.split(' ')
    if (part.length >= words.length || (best !== undefined && part.length <= best.split(' ').length)) continue
    if (part.join(' ') === words.slice(0, part.length).join(' ') || part.join(' ') === words.slice(-part.length).join(' ')) best = other
  }
  return best
}

function main(): void {
  const args = process.argv.slice(2)
  const kitAt = args.indexOf('--negex')
  const kit = kitAt >= 0 ? args[kitAt + 1] : undefined
  const all = probes(kit)
  const keys = all.map((probe) => key(probe.text))
  const before = new Map<number, string>()
  let found = 0
  defaultLexicon.cues.forEach((group, index) => {
    for (const phrase of group.phrases) {
      const covering = coveringPhrase(phrase, group.phrases)
      if (covering === undefined) continue
      const holding = keys.flatMap((text, at) => (text.includes(key(phrase)) ? [at] : []))
      if (holding.length === 0) continue
      const without = {...defaultLexicon, cues: defaultLexicon.cues.map((other, at) => (at === index ? {...other, phrases: other.phrases.filter((item) => item !== phrase)} : other))}
      const same = holding.every((at) => {
        const probe = all[at] as Probe
        if (!before.has(at)) before.set(at, reading(probe))
        return reading(probe, without) === before.get(at)
      })
      if (!same) continue
      found++
      process.stdout.write(`${group.category} (group ${index}): "${phrase}" is read by "${covering}" in all ${holding.length} probes that hold it\n`)
    }
  })
  process.stdout.write(`${found} cue phrases read by a shorter phrase of their group in every probe (${all.length} probes${kit === undefined ? '; add --negex <kit dir> for the NegEx kit' : ', NegEx kit included'})\n`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main()
