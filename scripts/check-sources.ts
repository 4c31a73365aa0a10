/**
 * Checks the second hard rule mechanically: every explanation is written in
 * our own words, and no sentence or distinctive phrase of a source is
 * copied. `npm run check:sources -- <sources dir>` reads the source
 * documents (`*.txt` in that directory; the project keeps no copy of them),
 * finds for every text the lexicon shows a reader (each concept's summary
 * and detail per audience, the status notes, the disclaimers) the longest
 * run of consecutive words it shares with any source, and prints the
 * longest runs. It exits with 1 when a run reaches `--limit` words (default
 * 8): a run that long is a copied phrase, not a shared term.
 *
 * Words are compared in lower case, letters and digits only, and British
 * spellings are read as the lexicon's American ones (its `spellings`), so
 * neither punctuation, case, a line break nor "oedema" for "edema" hides a
 * copy.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {defaultLexicon} from '../src/lexicon/default.js'
import type {LexiconData} from '../src/lexicon/schema.js'

/** A text of ours, with where it is in the lexicon. */
export interface Written {
  where: string
  text: string
}

/** The longest run of words one of our texts shares with a source. */
export interface Overlap extends Written {
  /** The shared words, lower case, joined by single spaces; empty when not even two words in a row are shared. */
  run: string
  /** Number of words in `run`. */
  words: number
  /** File name of the source that holds `run`. */
  source: string
}

/**
 * Lower-case words (runs of letters and digits, apostrophes inside a word
 * kept), each other spelling in `spellings` read as its word.
 */
export function words(text: string, spellings: Readonly<Record<string, string>> = {}): string[] {
  const found = text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? []
  return found.map((word) => (Object.hasOwn(spellings, word) ? (spellings[word] as string) : word))
}

/** Every text of `lexicon` that a reader is shown. */
export function writtenTexts(lexicon: LexiconData): Written[] {
  const out: Written[] = []
  for (const concept of lexicon.concepts) {
    for (const audience of ['patient', 'clinician'] as const) {
      const explanation = concept.explanations[audience]
      out.push({where: `${concept.id} ${audience} summary`, text: explanation.summary})
      if (explanation.detail) out.push({where: `${concept.id} ${audience} detail`, text: explanation.detail})
    }
  }
  for (const [key, note] of Object.entries(lexicon.notes.status)) {
    out.push({where: `note ${key} patient`, text: note.patient}, {where: `note ${key} clinician`, text: note.clinician})
  }
  out.push({where: 'disclaimer patient', text: lexicon.notes.disclaimer.patient})
  out.push({where: 'disclaimer clinician', text: lexicon.notes.disclaimer.clinician})
  return out
}

/**
 * For each text, the longest run of consecutive words that also stands
 * consecutively in one of `sources` (file name → text). Runs are found by
 * extending each shared word pair; texts are short, so this is quick.
 */
export function longestOverlaps(
  texts: readonly Written[],
  sources: ReadonlyMap<string, string>,
  spellings: Readonly<Record<string, string>> = {}
): Overlap[] {
  // Where each word pair stands in the sources: file and index of its first word.
  const pairs = new Map<string, [file: string, index: number][]>()
  const sourceWords = new Map<string, string[]>()
  for (const [file, text] of sources) {
    const list = words(text, spellings)
    sourceWords.set(file, list)
    for (let index = 0; index + 1 < list.length; index++) {
      const key = `${list[index]} ${list[index + 1]}`
      const at = pairs.get(key)
      if (at) at.push([file, index])
      else pairs.set(key, [[file, index]])
    }
  }
  return texts.map((written) => {
    const ours = words(written.text, spellings)
    let best: Overlap = {...written, run: '', words: 0, source: ''}
    for (let start = 0; start + 1 < ours.length; start++) {
      for (const [file, index] of pairs.get(`${ours[start]} ${ours[start + 1]}`) ?? []) {
        const theirs = sourceWords.get(file) ?? []
        let length = 2
        while (start + length < ours.length && ours[start + length] === theirs[index + length]) length++
        if (length > best.words) best = {...written, run: ours.slice(start, start + length).join(' '), words: length, source: file}
      }
    }
    return best
  })
}

/** The source documents in `dir`: every `*.txt`, by file name. */
export function readSources(dir: string): Map<string, string> {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
  return new Map(files.map((name) => [name, readFileSync(join(dir, name), 'utf8')]))
}

function main(): void {
  const args = process.argv.slice(2)
  const limitAt = args.indexOf('--limit')
  const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : 8
  const dir = args.find((arg, index) => !arg.startsWith('--') && (limitAt < 0 || index !== limitAt + 1))
  if (dir === undefined || !Number.isInteger(limit) || limit < 2) {
    process.stderr.write('usage: npm run check:sources -- <path to the source documents> [--limit words, default 8]\n')
    process.exit(2)
  }
  const sources = readSources(dir)
  if (sources.size === 0) {
    process.stderr.write(`check:sources: no *.txt source documents in ${dir}\n`)
    process.exit(2)
  }
  const overlaps = longestOverlaps(writtenTexts(defaultLexicon), sources, defaultLexicon.spellings).sort((a, b) => b.words - a.words)
  const over = overlaps.filter((overlap) => overlap.words >= limit)
  const counts = new Map<number, number>()
  for (const overlap of overlaps) counts.set(overlap.words, (counts.get(overlap.words) ?? 0) + 1)
  process.stdout.write(`${overlaps.length} texts of the default lexicon against ${sources.size} source documents (${[...sources.keys()].join(', ')})\n`)
  process.stdout.write(
    `longest run of words shared with a source, texts by run length: ${[...counts]
      .sort((a, b) => b[0] - a[0])
      .map(([length, count]) => `${length}: ${count}`)
      .join(', ')}\n`
  )
  process.stdout.write(`the longest runs:\n`)
  for (const overlap of overlaps.slice(0, 15)) process.stdout.write(`  ${overlap.words}  ${overlap.where}: "${overlap.run}" (${overlap.source})\n`)
  if (over.length > 0) {
    process.stdout.write(`${over.length} texts share a run of ${limit} or more words with a source: reword them\n`)
    process.exit(1)
  }
  process.stdout.write(`no text shares a run of ${limit} or more words with a source\n`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main()
