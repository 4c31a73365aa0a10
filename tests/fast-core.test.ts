import {describe, expect, it} from 'vitest'
import {compileLexicon, createTrie, createVocabulary, addPhrase} from '../src/lexicon/compile.js'
import {findPhrases, selectLongest, wordIds, type PhraseMatch} from '../src/match.js'
import {HAS_LOWER, HAS_UPPER, NON_ASCII, STARTS_DIGIT, STARTS_UPPER, tokenize, tokenKeys, tokenText, tokenTexts, wordHash, type Tokens, type TokenScratch} from '../src/tokens.js'
import {longestFirst} from './longest.js'
import {smallLexicon} from './small-lexicon.js'

const lexicon = compileLexicon(smallLexicon)

function phrases(text: string, list: string[]): string[] {
  const trie = createTrie(createVocabulary())
  list.forEach((phrase, index) => addPhrase(trie, phrase, index))
  const tokens = tokenize(text)
  return findPhrases(text, tokens, trie).map((match) => `${text.slice(tokens.start[match.first], tokens.end[match.last])}=${list[match.payload]}`)
}

describe('tokens without strings', () => {
  it('records case flags per token', () => {
    const tokens = tokenize('BME Bone t1 3rd Édème ;')
    expect(Array.from(tokens.flags)).toEqual([
      HAS_UPPER | STARTS_UPPER,
      HAS_UPPER | HAS_LOWER | STARTS_UPPER,
      HAS_LOWER,
      HAS_LOWER | STARTS_DIGIT,
      NON_ASCII | HAS_UPPER | HAS_LOWER | STARTS_UPPER,
      0
    ])
  })

  it('hashes the lower-case form, short keys packed whole and long ones by FNV', () => {
    const tokens = tokenize('EDEMA edema The the Oedema ;')
    expect(tokens.hash[0]).toBe(tokens.hash[1])
    expect(tokens.hash[2]).toBe(tokens.hash[3])
    expect(tokens.hash[1]).toBe(wordHash('edema'))
    expect(tokens.hash[3]).toBe(wordHash('the'))
    expect(tokens.hash[4]).toBe(wordHash('oedema'))
    expect(tokens.hash[5]).toBe(wordHash(';'))
    expect(wordHash('the')).not.toBe(wordHash('thE'))
  })

  it('builds raw and lower only when asked, equal to slicing', () => {
    const tokens = tokenize("Hoffa's BME-like ÉDÈME")
    expect(tokenTexts(tokens)).toEqual(['Hoffa', "'", 's', 'BME', 'like', 'ÉDÈME'])
    expect(tokenKeys(tokens)).toEqual(['hoffa', "'", 's', 'bme', 'like', 'édème'])
    expect(tokenText(tokens, 5)).toBe('ÉDÈME')
    expect(tokenText(tokens, 9)).toBe('')
  })

  it('looks tokens up in the same pass as tokenizing, with the same ids as a separate pass', () => {
    const text = 'BME zebra bme; Bone marrow OEDEMA in the MFC, ÉDÈME? stress-fracture'
    const fused = tokenize(text, lexicon.vocabulary)
    const separate = wordIds(tokenize(text), lexicon.vocabulary)
    expect(Array.from(fused.ids?.lower ?? [])).toEqual(Array.from(separate.lower))
    expect(Array.from(fused.ids?.exact ?? [])).toEqual(Array.from(separate.exact))
    // "BME" has an abbreviation id, "bme" has none; "zebra" is in no phrase.
    expect(fused.ids?.exact[0]).toBeGreaterThanOrEqual(0)
    expect(fused.ids?.exact[2]).toBe(-1)
    expect(fused.ids?.lower[1]).toBe(-1)
  })

  it('writes into a scratch buffer when given one: the same tokens, one buffer reused from call to call', () => {
    const columns = (tokens: Tokens) => [tokens.start, tokens.end, tokens.kind, tokens.flags, tokens.hash, tokens.ids?.lower, tokens.ids?.exact].map((column) => Array.from(column ?? []))
    const scratch: TokenScratch = {}
    const first = 'Bone marrow OEDEMA in the MFC.'
    const fromScratch = columns(tokenize(first, lexicon.vocabulary, 0, first.length, scratch))
    expect(fromScratch).toEqual(columns(tokenize(first, lexicon.vocabulary)))
    const buffer = scratch.buffer
    expect(buffer).toBeInstanceOf(ArrayBuffer)

    // A shorter text fits: the same buffer, and the earlier tokens' columns are overwritten.
    const second = 'No BME.'
    const tokens = tokenize(second, lexicon.vocabulary, 0, second.length, scratch)
    expect(scratch.buffer).toBe(buffer)
    expect(tokens.start.buffer).toBe(buffer)
    expect(columns(tokens)).toEqual(columns(tokenize(second, lexicon.vocabulary)))

    // Punctuation only: far more than one token per four characters, so the columns grow
    // past the scratch buffer; the larger buffer then becomes the scratch.
    const dense = '.;'.repeat(5000)
    const grown = tokenize(dense, lexicon.vocabulary, 0, dense.length, scratch)
    expect(grown.length).toBe(10000)
    expect(scratch.buffer).not.toBe(buffer)
    expect(grown.start.buffer).toBe(scratch.buffer)
    expect(columns(grown)).toEqual(columns(tokenize(dense, lexicon.vocabulary)))
  })
})

describe('phrase tries', () => {
  it('matches words in any case, abbreviations only in capitals, punctuation as written', () => {
    expect(phrases('No BME; no bme. Bone Marrow; s/p', ['BME', 'bone marrow', ';', 's/p'])).toEqual([
      'BME=BME',
      ';=;',
      'Bone Marrow=bone marrow',
      ';=;',
      's/p=s/p'
    ])
  })

  it('reads a word split by a hyphen at a line wrap as one word, and still as two', () => {
    expect(phrases('a sub-\r\nchondral focus; edema-\nlike signal', ['subchondral', 'edema like'])).toEqual([
      'sub-\r\nchondral=subchondral',
      'edema-\nlike=edema like'
    ])
    expect(phrases('sub-\n\nchondral; sub- chondral', ['subchondral'])).toEqual([])
  })
})

describe('longest-match choice', () => {
  it('keeps the longer of overlapping phrases and retries the shorter elsewhere', () => {
    const candidates = [
      {first: 0, last: 1, payload: 0},
      {first: 1, last: 3, payload: 1},
      {first: 3, last: 3, payload: 2},
      {first: 5, last: 5, payload: 3}
    ]
    expect(selectLongest(candidates)).toEqual([
      {first: 1, last: 3, payload: 1},
      {first: 5, last: 5, payload: 3}
    ])
  })

  it('agrees with the plain rule on a long chain of overlaps and on unsorted input', () => {
    const chain: PhraseMatch[] = []
    for (let first = 0; first < 60; first++) chain.push({first, last: first + (first % 3), payload: first % 4})
    expect(selectLongest(chain)).toEqual(longestFirst(chain))
    const shuffled = [chain[7], chain[2], chain[40], chain[3], chain[41], chain[8]] as PhraseMatch[]
    expect(selectLongest(shuffled)).toEqual(longestFirst(shuffled))
  })
})
