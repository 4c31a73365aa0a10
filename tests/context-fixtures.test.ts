/**
 * The MSK context fixtures (`fixtures/context/*.json`, written for this
 * project): each case is a sentence, a target phrase and the flags a reader
 * would give it. Every case must pass, and every cue phrase in
 * `lexicon/cues.json` must be exercised by at least one case: a flag or
 * change cue by being named among a case's cues, a pseudo-cue or terminator
 * by standing in a case's text.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import cues from '../lexicon/cues.json' with {type: 'json'}
import {detectContext} from '../src/detect-context.js'
import {explain} from '../src/index.js'
import {compileLexicon} from '../src/lexicon/compile.js'
import {defaultLexicon} from '../src/lexicon/default.js'
import {findPhrases} from '../src/match.js'
import type {Context, ContextResult} from '../src/result-schema.js'
import {tokenize, tokenText} from '../src/tokens.js'

interface Case {
  text: string
  target: string
  occurrence?: number
  expect: Context
  note: string
}

const dir = join(import.meta.dirname, '..', 'fixtures', 'context')
const files = readdirSync(dir).filter((name) => name.endsWith('.json'))
const cases: {file: string; item: Case}[] = files.flatMap((file) =>
  (JSON.parse(readFileSync(join(dir, file), 'utf8')) as Case[]).map((item) => ({file, item}))
)

function spanOf(item: Case): {start: number; end: number} {
  let start = -1
  for (let count = 0; count < (item.occurrence ?? 1); count++) {
    start = item.text.indexOf(item.target, start + 1)
    if (start === -1) throw new Error(`target "${item.target}" not found in "${item.text}"`)
  }
  return {start, end: start + item.target.length}
}

/** A phrase as its lower-case words and marks, the way the matcher sees it. */
function key(phrase: string): string {
  const tokens = tokenize(phrase)
  const words: string[] = []
  for (let index = 0; index < tokens.length; index++) words.push(tokenText(tokens, index).toLowerCase())
  return words.join(' ')
}

const results = new Map<Case, ContextResult>()
for (const {item} of cases) results.set(item, detectContext(item.text, spanOf(item)))

describe('MSK context fixtures', () => {
  it('has at least 150 cases, each with a note', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150)
    for (const {item} of cases) expect(item.note.length).toBeGreaterThan(0)
  })

  it.each(cases.map(({file, item}) => [`${file}: ${item.note} — ${JSON.stringify(item.text)}`, item] as const))('%s', (_, item) => {
    expect(results.get(item)?.context).toEqual(item.expect)
  })

  it('names a cue with exact offsets for every flag it sets', () => {
    for (const {item} of cases) {
      const result = results.get(item)
      if (!result) continue
      for (const cue of result.cues) expect(item.text.slice(cue.start, cue.end)).toBe(cue.text)
      for (const flag of ['negated', 'uncertain', 'historical', 'hypothetical'] as const) {
        expect([flag, result.cues.some((cue) => cue.category === flag)]).toEqual([flag, result.context[flag]])
      }
      if (result.context.change) expect(result.cues.some((cue) => cue.change === result.context.change)).toBe(true)
    }
  })

  it('exercises every cue phrase of the lexicon', () => {
    const named = new Set<string>()
    for (const result of results.values()) for (const cue of result.cues) if (cue.via === 'cue') named.add(key(cue.text))
    const texts = cases.map(({item}) => ` ${key(item.text)} `)
    const missing: string[] = []
    for (const cue of cues) {
      for (const phrase of cue.phrases) {
        const phraseKey = key(phrase)
        const exercised =
          cue.category === 'pseudo' || cue.category === 'terminator'
            ? texts.some((text) => text.includes(` ${phraseKey} `))
            : named.has(phraseKey)
        if (!exercised) missing.push(`${cue.category}: ${phrase}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('gives every mention the context explain() gives it, in the cases and the sample reports', () => {
    const reports = join(import.meta.dirname, '..', 'fixtures', 'reports')
    const texts = [
      ...cases.map(({item}) => item.text),
      ...readdirSync(reports)
        .filter((name) => name.endsWith('.txt'))
        .map((name) => readFileSync(join(reports, name), 'utf8'))
    ]
    let compared = 0
    for (const text of texts) {
      for (const annotation of explain(text).annotations) {
        if (!['finding', 'condition', 'procedure'].includes(annotation.category)) continue
        compared++
        const alone = detectContext(text, {start: annotation.start, end: annotation.end})
        expect([annotation.text, alone.context]).toEqual([annotation.text, annotation.context])
      }
    }
    expect(compared).toBeGreaterThan(500)
  })

  // Of two overlapping cues of the same length, the earlier wins. A lead-in
  // such as "there is no" would therefore beat "no interval change" in
  // "There is no interval change in the marrow edema" and read an unchanged
  // finding as absent ("no" alone is the negation cue).
  it('never hides a cue that starts with a negation word behind a longer cue that ends in it', () => {
    const {cueTrie, vocabulary} = compileLexicon(defaultLexicon)
    const phrases = cues.flatMap((cue) => cue.phrases.map(key))
    const hidden: string[] = []
    for (const specific of phrases) {
      const [lead, ...rest] = specific.split(' ')
      if (rest.length === 0 || !['no', 'not', 'without'].includes(lead ?? '')) continue
      for (const other of phrases) {
        if (other === lead || !other.endsWith(` ${lead}`)) continue
        const text = `${other} ${rest.join(' ')}`
        const tokens = tokenize(text, vocabulary)
        const found = findPhrases(text, tokens, cueTrie).map((match) => key(text.slice(tokens.start[match.first], tokens.end[match.last])))
        if (!found.includes(specific)) hidden.push(`"${specific}" behind "${other}"`)
      }
    }
    expect(hidden).toEqual([])
  })
})
