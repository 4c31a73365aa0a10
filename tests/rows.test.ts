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

  it('write a plural ending, a label or form that is the id, and a citation made before as short values', () => {
    const concept = (id: string, label: string, forms: string[]): Concept => ({
      id,
      category: 'procedure',
      label,
      forms,
      explanations: {patient: {summary: 'A procedure.'}, clinician: {summary: 'A procedure.'}},
      sources: [{source: 'a', locator: 'b'}]
    })
    const concepts = [concept('bone-graft', 'bone graft', ['bone graft', 'bone grafts', 'graft', 'grafts']), concept('walking-aid', 'walking aid (crutch or cane)', ['crutch', 'crutches', 'cane'])]
    const table = conceptRows(concepts)
    expect(table.sources).toEqual([['a', 'b']])
    expect(table.rows.map((row) => [row[2], row[3], row[9]])).toEqual([
      [0, [0, 1, 'graft', 1], [0]],
      ['+ (crutch or cane)', ['crutch', 2, 'cane'], [0]]
    ])
    expect(conceptsFromRows(table)).toEqual(concepts)
  })

  it('refuse a concept with a field a row does not hold, so none is lost from the bundles', () => {
    const extra = {...bundled[0], examples: ['Marrow edema.']} as Concept
    expect(() => conceptRows([extra])).toThrow(/has `examples`/)
  })
})
