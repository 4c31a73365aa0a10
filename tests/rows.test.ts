import {describe, expect, it} from 'vitest'
import {defaultLexicon} from '../src/lexicon/default.js'
import {conceptRows, conceptsFromRows} from '../src/lexicon/rows.js'
import type {Concept} from '../src/lexicon/schema.js'

/** The concepts as the bundles carry them: without the curators' fields. */
const bundled = JSON.parse(
  JSON.stringify(defaultLexicon.concepts, (key, value: unknown) => (key === 'examples' || key === 'nearMisses' ? undefined : value))
) as Concept[]

describe('concept rows (the bundled default lexicon)', () => {
  it('give back every default concept equal, keys in the same order', () => {
    const back = conceptsFromRows(conceptRows(bundled))
    expect(JSON.stringify(back)).toBe(JSON.stringify(bundled))
    expect(back).toEqual(bundled)
  })

  it('keep optional fields only where a concept has them', () => {
    const plain: Concept = {
      id: 'talus',
      category: 'anatomy',
      label: 'talus',
      forms: ['talus'],
      explanations: {patient: {summary: 'A bone.'}, clinician: {summary: 'A bone.', detail: 'Of the ankle.'}},
      sources: [{source: 'a', locator: 'b'}]
    }
    const [back] = conceptsFromRows(conceptRows([plain]))
    expect(Object.keys(back ?? {})).toEqual(['id', 'category', 'label', 'forms', 'explanations', 'sources'])
    expect(Object.keys(back?.explanations.patient ?? {})).toEqual(['summary'])
    expect(back?.explanations.clinician.detail).toBe('Of the ankle.')
  })

  it('refuse a concept with a field a row does not hold, so none is lost from the bundles', () => {
    const extra = {...bundled[0], examples: ['Marrow edema.']} as Concept
    expect(() => conceptRows([extra])).toThrow(/has `examples`/)
  })
})
