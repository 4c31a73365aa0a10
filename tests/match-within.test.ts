/**
 * `findPhrasesWithin` reads only around the token ranges it is given, and
 * must find there exactly what `findPhrases` finds over the whole text.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {compileLexicon} from '../src/lexicon/compile.js'
import {defaultLexicon} from '../src/lexicon/default.js'
import {findPhrases, findPhrasesWithin, type PhraseMatch} from '../src/match.js'
import {tokenize} from '../src/tokens.js'

const lexicon = compileLexicon(defaultLexicon)

/** Cue words and phrases that overlap one another, words outside the vocabulary, gaps and wraps. */
const pieces = [
  'no', 'no evidence of', 'evidence', 'of', 'not', 'no longer', 'longer', 'likely', 'may', 'may represent', 'represent', 'previously',
  'resolved', 'has resolved', 'cannot be excluded', 'cannot', 'be', 'excluded', 'rule out', 'edema', 'bone marrow', 'prior', 'new',
  'xq7', '12', ',', '.', ';', ' ', '\n', '\n\n', '-\n', 'ev-\nidence', 'NO', 'Evidence'
]

const text = fc.array(fc.constantFrom(...pieces), {maxLength: 60}).map((parts) => parts.join(' '))

const key = (match: PhraseMatch): string => `${match.first}-${match.last}-${match.payload}`

describe('findPhrasesWithin', () => {
  it('finds around its ranges the same matches as findPhrases over the whole text, and no others, with or without skipped tokens', () => {
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.nat(80), fc.nat(12)), {maxLength: 6}), fc.uniqueArray(fc.nat(60), {maxLength: 3}), (input, spans, skipped) => {
        const tokens = tokenize(input, lexicon.vocabulary)
        const ranges = spans
          .map(([first, length]) => [Math.min(first, tokens.length), Math.min(first + length, tokens.length - 1)] as [number, number])
          .filter(([first, last]) => first <= last)
          .sort((a, b) => a[0] - b[0])
        for (const skip of [undefined, (index: number) => skipped.includes(index)]) {
          const whole = findPhrases(input, tokens, lexicon.cueTrie, 0, tokens.length, skip)
          const within = findPhrasesWithin(input, tokens, lexicon.cueTrie, ranges, skip)
          const all = new Set(whole.map(key))
          for (const match of within) expect(all.has(key(match))).toBe(true)
          const found = new Set(within.map(key))
          // Every match that overlaps a range.
          for (const match of whole) {
            if (ranges.some(([first, last]) => match.first <= last && match.last >= first)) expect(found.has(key(match))).toBe(true)
          }
          // In text order, once each.
          for (let index = 1; index < within.length; index++) expect((within[index] as PhraseMatch).first).toBeGreaterThan((within[index - 1] as PhraseMatch).last)
        }
      }),
      {numRuns: 500}
    )
  })

  it('widens a range over a word split at a line wrap, on either side', () => {
    const input = 'No ev-\nidence of edema'
    const tokens = tokenize(input, lexicon.vocabulary)
    const whole = findPhrases(input, tokens, lexicon.cueTrie)
    expect(whole.map((match) => [match.first, match.last])).toEqual([[0, 3]])
    for (const range of [[0, 0], [1, 1], [2, 2], [3, 3]] as const) expect(findPhrasesWithin(input, tokens, lexicon.cueTrie, [range])).toEqual(whole)
  })

  it('reads nothing without ranges', () => {
    const input = 'No evidence of edema.'
    expect(findPhrasesWithin(input, tokenize(input, lexicon.vocabulary), lexicon.cueTrie, [])).toEqual([])
  })
})
