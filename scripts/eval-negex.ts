/**
 * Measures the context engine on the NegEx test kit (github.com/chapmanbe/negex):
 * `npm run eval:negex -- <kit dir>` reads `Annotations-1-120.txt` (negation)
 * and `genConText-rsAnnotations-1-120-random.txt` (negation and temporality)
 * from that directory, runs `detectContext` on each sentence with the row's
 * concept as the target, and prints precision, recall, F1 and accuracy for
 * negation, historical and hypothetical ("Not particular").
 *
 * `historical` is scored twice: as the flag, and as the flag on mentions
 * with no reported change. The kit's "Historical" is a past condition; the
 * engine also sets `historical` on a finding that is unchanged, persistent
 * or resolved since an earlier study (it was seen before), which the kit's
 * annotators count as "Recent". The second line shows that difference.
 *
 * The kit's data never enters the project: the script only reads the path it
 * is given. `--errors` also lists the rows the engine gets wrong (to the
 * terminal only), for error analysis.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {detectContext} from '../src/detect-context.js'
import type {Context} from '../src/result-schema.js'

interface Row {
  concept: string
  sentence: string
  negated: boolean
  /** `Recent`, `Historical` or `Not particular`; absent in the negation-only file. */
  temporality?: string
}

/** One tab-separated field, with CSV-style double quotes removed. */
function unquote(field: string): string {
  const trimmed = field.trim()
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) return trimmed.slice(1, -1).replace(/""/g, '"')
  return field
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
}

function negationRows(dir: string): Row[] {
  const [, ...body] = lines(join(dir, 'Annotations-1-120.txt'))
  return body.map((line) => {
    const [, concept = '', sentence = '', negation = ''] = line.split('\t')
    return {concept: unquote(concept), sentence: unquote(sentence), negated: negation.trim() === 'Negated'}
  })
}

function temporalityRows(dir: string): Row[] {
  return lines(join(dir, 'genConText-rsAnnotations-1-120-random.txt')).map((line) => {
    const [, , concept = '', sentence = '', negation = '', temporality = ''] = line.split('\t')
    return {
      concept: unquote(concept),
      sentence: unquote(sentence),
      negated: negation.trim() === 'Negated',
      temporality: temporality.trim()
    }
  })
}

function isSpace(char: string): boolean {
  return /\s/.test(char)
}

/**
 * Where the concept stands in the sentence: case-insensitive and blind to
 * white space. The kit writes the concept in capitals, so an occurrence in
 * capitals wins over one in lower case, and the last in capitals wins over
 * earlier ones (a label such as "ALLERGIES:" may come first).
 */
export function locate(sentence: string, concept: string): {start: number; end: number} | undefined {
  const key = concept.replace(/\s+/g, '').toLowerCase()
  if (key === '') return undefined
  let squeezed = ''
  const at: number[] = []
  for (let index = 0; index < sentence.length; index++) {
    const char = sentence[index] ?? ''
    if (isSpace(char)) continue
    squeezed += char.toLowerCase()
    at.push(index)
  }
  let capitals: {start: number; end: number} | undefined
  let other: {start: number; end: number} | undefined
  for (let from = squeezed.indexOf(key); from !== -1; from = squeezed.indexOf(key, from + 1)) {
    const span = {start: at[from] ?? 0, end: (at[from + key.length - 1] ?? 0) + 1}
    const written = sentence.slice(span.start, span.end)
    if (written === written.toUpperCase()) capitals = span
    else other ??= span
  }
  return capitals ?? other
}

interface Score {
  tp: number
  fp: number
  fn: number
  tn: number
}

function score(): Score {
  return {tp: 0, fp: 0, fn: 0, tn: 0}
}

function add(target: Score, truth: boolean, predicted: boolean): void {
  if (truth && predicted) target.tp++
  else if (predicted) target.fp++
  else if (truth) target.fn++
  else target.tn++
}

function line(name: string, value: Score): string {
  const precision = value.tp / (value.tp + value.fp || 1)
  const recall = value.tp / (value.tp + value.fn || 1)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  const accuracy = (value.tp + value.tn) / (value.tp + value.tn + value.fp + value.fn || 1)
  const f = (number: number) => number.toFixed(3)
  return `${name.padEnd(34)} P ${f(precision)}  R ${f(recall)}  F1 ${f(f1)}  acc ${f(accuracy)}  (tp ${value.tp}, fp ${value.fp}, fn ${value.fn}, tn ${value.tn})`
}

/**
 * The concept's span; a concept that runs past the end of its sentence (a
 * few rows of the kit) is looked for without its last words.
 */
function find(row: Row): {start: number; end: number} | undefined {
  const words = row.concept.trim().split(/\s+/)
  for (let count = words.length; count > 0; count--) {
    const span = locate(row.sentence, words.slice(0, count).join(' '))
    if (span) return span
  }
  return undefined
}

function contextOf(row: Row): Context | undefined {
  const span = find(row)
  return span ? detectContext(row.sentence, span).context : undefined
}

function main(): void {
  const args = process.argv.slice(2)
  const showErrors = args.includes('--errors')
  const dir = args.find((arg) => !arg.startsWith('--'))
  if (!dir) {
    process.stderr.write('usage: npm run eval:negex -- <path to the NegEx kit directory> [--errors]\n')
    process.exit(2)
  }
  const out: string[] = []
  const errors: string[] = []
  const wrong = (kind: string, row: Row, context: Context | undefined) =>
    showErrors && errors.push(`${kind}\t${row.concept}\t${row.sentence.replace(/\s+/g, ' ').slice(-300)}\t${JSON.stringify(context)}`)

  const negation = negationRows(dir)
  const negated = score()
  let missing = 0
  for (const row of negation) {
    const context = contextOf(row)
    if (!context) missing++
    const predicted = context?.negated ?? false
    add(negated, row.negated, predicted)
    if (predicted !== row.negated) wrong(row.negated ? 'neg-FN' : 'neg-FP', row, context)
  }

  const temporal = temporalityRows(dir)
  const negated2 = score()
  const historical = score()
  const pastCondition = score()
  const hypothetical = score()
  let missing2 = 0
  for (const row of temporal) {
    const context = contextOf(row)
    if (!context) missing2++
    add(negated2, row.negated, context?.negated ?? false)
    const isHistorical = row.temporality === 'Historical'
    const isHypothetical = row.temporality === 'Not particular'
    add(historical, isHistorical, context?.historical ?? false)
    add(pastCondition, isHistorical, (context?.historical ?? false) && context?.change === null)
    add(hypothetical, isHypothetical, context?.hypothetical ?? false)
    if ((context?.historical ?? false) !== isHistorical) wrong(isHistorical ? 'hist-FN' : 'hist-FP', row, context)
    if ((context?.hypothetical ?? false) !== isHypothetical) wrong(isHypothetical ? 'hyp-FN' : 'hyp-FP', row, context)
  }

  out.push(`NegEx kit at ${dir}`)
  out.push(`Annotations-1-120.txt: ${negation.length} rows (concept not found in ${missing})`)
  out.push(line('negation', negated))
  out.push(`genConText-rsAnnotations-1-120-random.txt: ${temporal.length} rows (concept not found in ${missing2})`)
  out.push(line('negation', negated2))
  out.push(line('historical', historical))
  out.push(line('historical, no change reported', pastCondition))
  out.push(line('hypothetical (Not particular)', hypothetical))
  if (showErrors) out.push('', ...errors.sort())
  process.stdout.write(out.join('\n') + '\n')
}

main()
