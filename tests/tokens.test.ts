import {describe, expect, it} from 'vitest'
import {compileLexicon} from '../src/lexicon/compile.js'
import {defaultLexicon} from '../src/lexicon/default.js'
import {
  AFTER_STOP,
  BREAK_BEFORE,
  firstSlot,
  HAS_LOWER,
  HAS_UPPER,
  NON_ASCII,
  packedParts,
  PUNCT,
  STARTS_DIGIT,
  STARTS_UPPER,
  tokenize,
  tokenKeys,
  tokenTexts,
  WORD,
  wordHash,
  wordLower,
  WRAP_BEFORE
} from '../src/tokens.js'

const vocabulary = compileLexicon(defaultLexicon).vocabulary

/** The case flags a word should have, worked out from its string. */
function expectedFlags(raw: string): number {
  const first = raw[0] ?? ''
  return (
    (/[^\0-\x7f]/.test(raw) ? NON_ASCII : 0) |
    (raw !== raw.toLowerCase() ? HAS_UPPER : 0) |
    (raw !== raw.toUpperCase() ? HAS_LOWER : 0) |
    (first !== first.toLowerCase() ? STARTS_UPPER : 0) |
    (first >= '0' && first <= '9' ? STARTS_DIGIT : 0)
  )
}

// Words of every kind the word loop tells apart: ASCII of one to many
// characters, capitals, digits, apostrophes (straight and curly, inside and
// at the ends), characters outside ASCII at the start, inside and at the end.
const SAMPLES = [
  'a',
  'I',
  'no',
  'NO',
  'the',
  'The',
  'with',
  'WITH',
  'edema',
  'Oedema',
  'BME',
  'T1',
  't2',
  '3rd',
  '10mm',
  'subchondral',
  'SUBCHONDRAL',
  "Hoffa's",
  "HOFFA'S",
  'Hoffa’s',
  "a'b",
  "'quoted'",
  "don't",
  'Édème',
  'ÉDÈME',
  'œdème',
  'naïve',
  'café',
  'Ödem',
  'straße',
  'İstanbul',
  '😀',
  'x😀y',
  'x𝐀y',
  '𝐀b',
  'ab\u0301c',
  'bone-marrow',
  'sub-\nchondral'
]

describe('tokenize, word by word', () => {
  const text = SAMPLES.join(' ; ')
  const tokens = tokenize(text, vocabulary)

  it('records flags and hash equal to those worked out from each word string', () => {
    for (let index = 0; index < tokens.length; index++) {
      const raw = text.slice(tokens.start[index], tokens.end[index])
      if (tokens.kind[index] === WORD) {
        const flags = (tokens.flags[index] ?? 0) & ~(BREAK_BEFORE | WRAP_BEFORE | AFTER_STOP)
        expect([raw, flags]).toEqual([raw, expectedFlags(raw)])
      }
      const key = tokens.kind[index] === WORD ? raw.toLowerCase() : raw
      expect([raw, tokens.hash[index]]).toEqual([raw, wordHash(key)])
    }
  })

  it('reads apostrophes inside words only, a possessive apart, and words outside ASCII whole', () => {
    expect(tokenTexts(tokenize("'quoted' don't Hoffa’s MFC's O'Brien's x😀y x𝐀y 𝐀b ab\u0301c"))).toEqual(
      ["'", 'quoted', "'", "don't", 'Hoffa', '’', 's', 'MFC', "'", 's', "O'Brien", "'", 's', 'x', '😀', 'y', 'x𝐀y', '𝐀b', 'ab\u0301c']
    )
  })

  it('finds the same vocabulary entries as a lookup by string', () => {
    const lexiconText = vocabulary.lowers.filter((key) => !key.startsWith('=')).join(' , ')
    for (const input of [text, lexiconText, lexiconText.toUpperCase()]) {
      const found = tokenize(input, vocabulary)
      for (let index = 0; index < found.length; index++) {
        const raw = input.slice(found.start[index], found.end[index])
        const entry = vocabulary.byKey.get(found.kind[index] === PUNCT ? raw : raw.toLowerCase())
        const id = entry === undefined ? -1 : (vocabulary.ids[entry] ?? -1)
        expect([raw, found.ids?.lower[index]]).toEqual([raw, id])
      }
    }
  })
})

describe('wordHash', () => {
  it('packs a key of one to four ASCII characters whole, so different short keys never share a hash', () => {
    const keys = ['a', 'b', 'ab', 'ba', 'abc', 'cba', 'abcd', 'dcba', "a'b", ';', '.', 'no', 'on', 't1', '1t']
    expect(new Set(keys.map(wordHash)).size).toBe(keys.length)
    for (const key of keys) expect(wordHash(key) < 0).toBe(true)
  })
})

describe('wordLower', () => {
  it('reads a typographic apostrophe as a straight one, so a word gets one match key however it is typed', () => {
    expect(wordLower('CAN’T')).toBe("can't")
    expect(wordLower("Can't")).toBe("can't")
    expect(wordLower('Oedema')).toBe('oedema')
    const tokens = tokenize('can’t can\'t', compileLexicon(defaultLexicon).vocabulary)
    expect(tokens.hash[0]).toBe(tokens.hash[1])
    expect(tokens.ids?.lower[0]).toBe(tokens.ids?.lower[1])
    expect(tokens.ids?.lower[0]).toBeGreaterThanOrEqual(0)
    expect(tokenKeys(tokens)).toEqual(["can't", "can't"])
  })
})

describe('packedParts', () => {
  it('gives keys of one to eight ASCII characters as two numbers, different for different keys', () => {
    expect(packedParts('a')).toEqual([0, 0x61])
    expect(packedParts('abcde')).toEqual([0x61, (0x62 << 21) | (0x63 << 14) | (0x64 << 7) | 0x65])
    const keys = ['a', 'ab', 'abcd', 'abcde', 'bbcde', 'xabcd', 'abcdefgh', 'bbcdefgh', 'marrow', 'narrow', "hoffa's", 't2', '2t', ';']
    const parts = keys.map((key) => packedParts(key).join())
    expect(new Set(parts).size).toBe(keys.length)
    // The last four are what wordHash packs for a short key.
    expect(wordHash('abcd') & 0xfffffff).toBe(packedParts('abcd')[1])
  })

  it('gives -1 for a key it cannot pack', () => {
    expect(packedParts('')).toEqual([-1, -1])
    expect(packedParts('abcdefghi')).toEqual([-1, -1])
    expect(packedParts('édème')).toEqual([-1, -1])
  })
})

describe('firstSlot', () => {
  it('stays in the table and spreads keys that end alike', () => {
    const mask = 4095
    const keys = ['the', 'she', 'he', 'e', 'one', 'bone', 'none', 'tone']
    const slots = keys.map((key) => firstSlot(wordHash(key), mask))
    for (const slot of slots) expect(slot >= 0 && slot <= mask).toBe(true)
    expect(new Set(slots).size).toBe(keys.length)
  })
})
