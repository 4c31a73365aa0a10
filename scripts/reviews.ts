/**
 * Reruns the held-out review sets kept in fixtures/reviews/ against the
 * current source: `npm run reviews [-- --list]`. Each set was written by a
 * reviewer who saw no code, lexicon or earlier case, with every expectation
 * written before the first run (docs/reviews.md says what each found). The
 * fixes they led to were tuned on them, so they are no held-out measure
 * any more; they stay as a regression check of report text nobody here
 * wrote. Run it before and after a change and compare: the counts should
 * not grow. `--list` prints each mismatch.
 *
 * - `context-*.json`: `{id, text, expect: [{target, occurrence?, negated?,
 *   uncertain?, historical?, hypothetical?, change?}]}`; each target is the
 *   annotation with exactly that text (its `occurrence`-th), scored when it
 *   is a finding, condition or procedure. A few expectations follow a
 *   convention the engine reads the other way (docs/reviews.md, reviews 30
 *   and 31), so no set is expected to reach zero.
 * - `matching-*.json`: `{id, text, expect: [{text, id, occurrence?}]}`, every
 *   phrase that names a concept; scored by recall and precision, strict
 *   (same span and concept) and lenient (the right concept, overlapping).
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {pathToFileURL} from 'node:url'
import {explain} from '../src/index.js'

const FLAGS = ['negated', 'uncertain', 'historical', 'hypothetical'] as const

interface ContextCase {
  id: string
  text: string
  expect: ({target: string; occurrence?: number; change?: string} & Partial<Record<(typeof FLAGS)[number], boolean>>)[]
}

interface MatchingCase {
  id: string
  text: string
  expect: {text: string; id: string; occurrence?: number}[]
}

/** Mismatches of a context set, and how many mentions were scored. */
export function runContext(cases: readonly ContextCase[]): {scored: number; unscored: number; mismatches: string[]} {
  let scored = 0
  let unscored = 0
  const mismatches: string[] = []
  for (const item of cases) {
    const {annotations} = explain(item.text)
    for (const expected of item.expect) {
      const annotation = annotations.filter((candidate) => candidate.text === expected.target)[(expected.occurrence ?? 1) - 1]
      if (!annotation || !['finding', 'condition', 'procedure'].includes(annotation.category)) {
        unscored++
        continue
      }
      scored++
      const got = {...annotation.context}
      const differs = [...FLAGS.filter((flag) => got[flag] !== Boolean(expected[flag])), ...(got.change !== (expected.change ?? null) ? ['change'] : [])]
      if (differs.length > 0) {
        mismatches.push(`[${item.id}] "${expected.target}": ${differs.map((key) => (key === 'change' ? `change ${got.change}, expected ${expected.change ?? null}` : `${key} ${got[key as (typeof FLAGS)[number]]}`)).join('; ')}`)
      }
    }
  }
  return {scored, unscored, mismatches}
}

/** Recall and precision of a matching set (strict and lenient), with each error. */
export function runMatching(cases: readonly MatchingCase[]): {expected: number; marked: number; exact: number; lenient: number; mismatches: string[]} {
  let expected = 0
  let marked = 0
  let exact = 0
  let lenient = 0
  const mismatches: string[] = []
  for (const item of cases) {
    const got = explain(item.text).annotations.map((annotation) => ({...annotation, used: false}))
    marked += got.length
    for (const phrase of item.expect) {
      expected++
      let start = -1
      for (let count = 0; count < (phrase.occurrence ?? 1); count++) start = item.text.indexOf(phrase.text, start + 1)
      if (start < 0) {
        mismatches.push(`[${item.id}] expected "${phrase.text}", which the text does not hold`)
        continue
      }
      const end = start + phrase.text.length
      const same = got.find((annotation) => !annotation.used && annotation.start === start && annotation.end === end)
      const over = same ?? got.find((annotation) => !annotation.used && annotation.start < end && annotation.end > start)
      if (over) over.used = true
      if (over?.conceptId === phrase.id) {
        lenient++
        if (over === same) exact++
      } else {
        mismatches.push(`[${item.id}] ${over ? `"${phrase.text}" is ${phrase.id}, read as "${over.text}" = ${over.conceptId}` : `missed "${phrase.text}" (${phrase.id})`}`)
      }
    }
    for (const annotation of got) if (!annotation.used) mismatches.push(`[${item.id}] extra "${annotation.text}" = ${annotation.conceptId}`)
  }
  return {expected, marked, exact, lenient, mismatches}
}

function main(): void {
  const list = process.argv.includes('--list')
  const dir = resolve(import.meta.dirname, '../fixtures/reviews')
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.json')).sort()) {
    const cases: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'))
    if (name.startsWith('context-')) {
      const {scored, unscored, mismatches} = runContext(cases as ContextCase[])
      process.stdout.write(`${name}: ${(cases as unknown[]).length} cases, ${scored} mentions scored (${unscored} not found), ${mismatches.length} mismatches\n`)
      if (list) for (const line of mismatches) process.stdout.write(`  ${line}\n`)
    } else {
      const {expected, marked, exact, lenient, mismatches} = runMatching(cases as MatchingCase[])
      const ratio = (part: number, whole: number) => (part / whole).toFixed(3)
      process.stdout.write(
        `${name}: ${(cases as unknown[]).length} cases, ${expected} phrases expected, ${marked} marked; strict recall ${ratio(exact, expected)}, precision ${ratio(exact, marked)}; lenient ${ratio(lenient, expected)}, ${ratio(lenient, marked)}\n`
      )
      if (list) for (const line of mismatches) process.stdout.write(`  ${line}\n`)
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main()
