import {existsSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {defaultLexicon} from '../src/lexicon/default.js'
import {conceptRows, conceptsFromRows, cueColumns, cuesFromColumns, joinLists, rowsOf, splitLists} from '../src/lexicon/rows.js'
import type {Concept, Cue} from '../src/lexicon/schema.js'

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
    const concepts = [
      concept('bone-graft', 'bone graft', ['bone graft', 'bone grafts', 'graft', 'grafts']),
      concept('walking-aid', 'walking aid (crutch or cane)', ['crutch', 'crutches', 'cane']),
      concept('ligament-injury', 'ligament injury', ['ligament injury', 'ligament injuries', 'sprain', 'sprains'])
    ]
    const table = conceptRows(concepts)
    expect(table.sources).toEqual([['a', 'b']])
    expect(rowsOf(table).map((row) => [row[2], row[3], row[9]])).toEqual([
      [0, '0|1|graft|1', [0]],
      ['+ (crutch or cane)', 'crutch|2|cane', [0]],
      [0, '0|3|sprain|1', [0]]
    ])
    expect(conceptsFromRows(table)).toEqual(concepts)
  })

  it('refuse a form that would read back as another: a digit, or one holding the `|` that joins them', () => {
    const concept = (forms: string[]): Concept => ({...bundled[0], forms} as Concept)
    expect(() => conceptRows([concept(['bone marrow edema', '1'])])).toThrow(/does not come back the same/)
    expect(() => conceptRows([concept(['bone marrow edema', '3'])])).toThrow(/does not come back the same/)
    expect(() => conceptRows([concept(['edema|oedema'])])).toThrow(/does not come back the same/)
  })

  it('refuse a concept with a field a row does not hold, so none is lost from the bundles', () => {
    const extra = {...bundled[0], examples: ['Marrow edema.']} as Concept
    expect(() => conceptRows([extra])).toThrow(/has `examples`/)
  })
})

describe('cue phrases and section headings as one string each (the bundled default lexicon)', () => {
  it('give back every cue group and section equal, keys in the same order', () => {
    // The cues as the bundles carry them: without the curators' comments.
    const cues = JSON.parse(JSON.stringify(defaultLexicon.cues, (key, value: unknown) => (key === 'comment' ? undefined : value))) as Cue[]
    const sections = defaultLexicon.sections
    expect(JSON.stringify(splitLists(joinLists(cues, 'phrases'), 'phrases'))).toBe(JSON.stringify(cues))
    expect(JSON.stringify(splitLists(joinLists(sections, 'headings'), 'headings'))).toBe(JSON.stringify(sections))
    expect(joinLists(sections, 'headings')[0]?.headings).toBe(sections[0]?.headings.join('|'))
  })

  it('refuse a phrase holding the `|` that joins them', () => {
    expect(() => joinLists([{phrases: ['no', 'not|seen']}], 'phrases')).toThrow(/holds `\|`/)
  })
})

describe('cue groups as columns (the bundled default lexicon)', () => {
  const cues = JSON.parse(JSON.stringify(defaultLexicon.cues, (key, value: unknown) => (key === 'comment' ? undefined : value))) as Cue[]

  it('give back every cue group equal, keys in the same order', () => {
    expect(JSON.stringify(cuesFromColumns(cueColumns(defaultLexicon.cues)))).toBe(JSON.stringify(cues))
  })

  it('hold one column per key, 0 where a group has none', () => {
    const columns = cueColumns([{category: 'negated', direction: 'forward', maxScope: 15, phrases: ['no', 'without']}, {category: 'pseudo', phrases: ['no change']}])
    expect(columns[0]).toEqual(['negated', 'pseudo'])
    expect(columns[2]).toEqual([15, 0])
    expect(columns.at(-1)).toEqual(['no|without', 'no change'])
  })

  it('refuse a group whose keys lexicon/cues.json writes in another order', () => {
    expect(() => cueColumns([{direction: 'forward', category: 'negated', phrases: ['no']} as Cue])).toThrow(/write them as category, direction, phrases/)
  })
})

describe('the built bundle', () => {
  it('carries the default lexicon equal to lexicon/*.json without the curators\' fields (run `npm run build` after changing either)', async () => {
    const bundle = new URL('../dist/bundle/core.js', import.meta.url)
    expect(existsSync(bundle), 'dist/bundle/core.js: run `npm run build`').toBe(true)
    const {defaultLexicon: bundled} = (await import(bundle.href)) as {defaultLexicon: unknown}
    const curation = new Set(['comment', 'examples', 'nearMisses', 'file', 'trust'])
    expect(JSON.stringify(bundled)).toBe(JSON.stringify(defaultLexicon, (key, value: unknown) => (curation.has(key) ? undefined : value)))
  })
})
