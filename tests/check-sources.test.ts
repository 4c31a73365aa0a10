import {describe, expect, it} from 'vitest'
import {longestOverlaps, words, writtenTexts} from '../scripts/check-sources.js'
import {defaultLexicon} from '../src/lexicon/default.js'

const source = new Map([
  ['a.txt', 'Intro.\nThe swelling inside the\r\nbone, often called Oedema, settles slowly over several months in most people.'],
  ['b.txt', 'An unrelated page about shoes and socks.']
])

describe('check:sources (hard rule 2: no sentence of a source copied)', () => {
  it('reads words in lower case, without punctuation, with British spellings as American', () => {
    expect(words('Bone-marrow OEDEMA, isn’t it?', {oedema: 'edema'})).toEqual(['bone', 'marrow', 'edema', 'isn’t', 'it'])
  })

  it('finds a copied sentence through case, punctuation, a line break and a spelling', () => {
    const [copied] = longestOverlaps(
      [{where: 'copied', text: 'Swelling inside the bone (often called edema) settles slowly over several months.'}],
      source,
      {oedema: 'edema'}
    )
    expect(copied?.run).toBe('swelling inside the bone often called edema settles slowly over several months')
    expect(copied?.words).toBe(12)
    expect(copied?.source).toBe('a.txt')
  })

  it('gives a text in its own words only its shared terms', () => {
    const [own] = longestOverlaps([{where: 'own', text: 'Fluid there usually goes away with time.'}], source)
    expect(own?.words).toBe(0)
    const [term] = longestOverlaps([{where: 'term', text: 'Doctors may say the bone looks bright.'}], source)
    expect(term).toMatchObject({run: 'the bone', words: 2})
  })

  it('checks every text the default lexicon shows a reader', () => {
    const texts = writtenTexts(defaultLexicon)
    const details = defaultLexicon.concepts.reduce(
      (count, concept) => count + Number(Boolean(concept.explanations.patient.detail)) + Number(Boolean(concept.explanations.clinician.detail)),
      0
    )
    const notes = Object.keys(defaultLexicon.notes.status).length
    expect(texts).toHaveLength(2 * defaultLexicon.concepts.length + details + 2 * notes + 2)
    expect(texts.map((text) => text.where)).toContain('bone-marrow-edema patient summary')
    expect(texts.every((text) => text.text.length > 0)).toBe(true)
  })
})
