/**
 * The lexicon compiler: flat tries checked against arrays worked out by
 * hand, and `compileLexicon` (every phrase's words read at once, tries built
 * flat) against compiling phrase by phrase into tries of maps.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {
  addPhrase,
  addPhrases,
  compileLexicon,
  createTrie,
  createVocabulary,
  flatTrie,
  NO_CONCEPT,
  compileWithMaps,
  type CompiledLexicon,
  type FlatTrie
} from '../src/lexicon/compile.js'
import {defaultLexicon} from '../src/lexicon/default.js'
import {smallLexicon} from './small-lexicon.js'

function plain(flat: FlatTrie) {
  return {
    root: Array.from(flat.root),
    childStart: Array.from(flat.childStart),
    childWord: Array.from(flat.childWord),
    childNode: Array.from(flat.childNode),
    endStart: Array.from(flat.endStart),
    endPayload: Array.from(flat.endPayload)
  }
}

/** Everything `explain()` reads from a compiled lexicon, as plain data. */
function contents(compiled: CompiledLexicon) {
  const {vocabulary} = compiled
  return {
    data: compiled.data,
    concepts: compiled.concepts,
    conceptIndex: [...compiled.conceptIndex],
    sources: [...compiled.sources],
    vocabulary: {
      slots: Array.from(vocabulary.slots),
      mask: vocabulary.mask,
      hashes: vocabulary.hashes,
      lowers: vocabulary.lowers,
      ids: vocabulary.ids,
      heads: vocabulary.heads,
      tails: vocabulary.tails,
      exact: vocabulary.exact,
      size: vocabulary.size,
      byKey: [...vocabulary.byKey]
    },
    tries: [compiled.conceptTrie, compiled.tiedTrie, compiled.blockTrie, compiled.cueTrie, compiled.headingTrie].map((trie) => plain(flatTrie(trie))),
    tied: compiled.tied.map((item) => ({...item, near: [...item.near]})),
    qualifierWords: [...compiled.qualifierWords],
    takesQualifiers: Array.from(compiled.takesQualifiers),
    maxQualifiers: compiled.maxQualifiers,
    cues: compiled.cues,
    sections: compiled.sections,
    headingSection: compiled.headingSection
  }
}

describe('flat tries', () => {
  it('numbers nodes breadth-first, children in word id order, payloads in the order added', () => {
    const trie = createTrie(createVocabulary())
    expect(addPhrases(trie, ['b a', 'A', 'a-c', 'b', '  '], [10, 11, 12, 13, 14])).toEqual([true, true, true, true, false])
    // Ids by first use: b 0, a 1, c 2. Nodes: 1 "b", 2 "a", 3 "b a", 4 "a c".
    expect(trie.vocabulary?.lowers).toEqual(['b', 'a', 'c'])
    expect(plain(flatTrie(trie))).toEqual({
      root: [1, 2, -1],
      childStart: [0, 2, 3, 4, 4, 4],
      childWord: [0, 1, 1, 2],
      childNode: [1, 2, 3, 4],
      endStart: [0, 0, 1, 2, 3, 4],
      endPayload: [13, 11, 10, 12]
    })
  })

  it('keeps a payload once per node, and rebuilds the flat form after more phrases', () => {
    const trie = createTrie(createVocabulary())
    addPhrases(trie, ['x y', 'X Y', 'x  y'], [5, 7, 5])
    expect(plain(flatTrie(trie)).endPayload).toEqual([5, 7])
    addPhrase(trie, 'y', 9)
    expect(plain(flatTrie(trie))).toEqual({
      root: [1, 2],
      childStart: [0, 2, 3, 3, 3],
      childWord: [0, 1, 1],
      childNode: [1, 2, 3],
      endStart: [0, 0, 0, 1, 3],
      endPayload: [9, 5, 7]
    })
  })
})

describe('compiling all phrases at once', () => {
  it('gives exactly what adding phrase after phrase to tries of maps gives', () => {
    for (const data of [defaultLexicon, smallLexicon]) {
      const compiled = compileLexicon({...data})
      expect(contents(compiled)).toEqual(contents(compileWithMaps(data)))
    }
    // Other senses ("fracture clinic" in the small lexicon) are in the concept trie with their payload.
    expect(Array.from(flatTrie(compileLexicon({...smallLexicon}).conceptTrie).endPayload)).toContain(NO_CONCEPT)
  })

  it('reads the words in the order phrase after phrase finds them, with abbreviations, punctuation and a phrase of no words', () => {
    const data = {
      ...smallLexicon,
      concepts: [
        {...(smallLexicon.concepts[0] as (typeof smallLexicon.concepts)[number]), forms: ["Hoffa's fat pad", 'BME', 'bme', 'fat-pad', 's/p BME', 'Bme', '  ', 'fat pad', 'Fat Pad']}
      ]
    }
    const compiled = compileLexicon(data)
    expect(compiled.vocabulary.lowers.slice(0, 6)).toEqual(['hoffa', "'", 's', 'fat', 'pad', 'bme'])
    expect(contents(compiled)).toEqual(contents(compileWithMaps(data)))
  })

  it('gives what tries of maps give for any phrases (property): shared prefixes, repeats, capitals, hyphens, punctuation, phrases of no words', () => {
    const word = fc.constantFrom('bone', 'marrow', 'edema', 'BME', 'Bme', 'no', 'not', 'seen', 'fat-pad', "Hoffa's", 's/p', '-', '?', ':', 'T2', 'a', 'an')
    const phrase = fc.array(word, {minLength: 0, maxLength: 4}).map((words) => words.join(' '))
    const first = smallLexicon.concepts[0] as (typeof smallLexicon.concepts)[number]
    fc.assert(
      fc.property(fc.array(fc.array(phrase, {minLength: 1, maxLength: 6}), {minLength: 1, maxLength: 5}), fc.array(phrase, {maxLength: 8}), (forms, cuePhrases) => {
        const data = {
          ...smallLexicon,
          concepts: forms.map((list, index) => ({...first, id: `c${index}`, forms: list, tied: undefined, otherSenses: undefined})),
          cues: [{category: 'negated' as const, phrases: cuePhrases}]
        }
        expect(contents(compileLexicon(data))).toEqual(contents(compileWithMaps(data)))
      }),
      {numRuns: 300}
    )
  })
})
