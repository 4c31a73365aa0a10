/**
 * The public surface, pinned: adding or removing an export is a decision,
 * made here on purpose. Plus the behaviour every entry promises at its door.
 */
import {describe, expect, it} from 'vitest'
import * as core from '../src/core.js'
import * as html from '../src/html.js'
import * as main from '../src/index.js'
import * as lexicon from '../src/lexicon/index.js'
import * as remark from '../src/remark.js'
import * as schema from '../src/schema.js'

describe('public API', () => {
  it('pins the exports of every entry', () => {
    expect(Object.keys(main).sort()).toEqual([
      'DEFAULT_MAX_LENGTH',
      'FhirAdapterError',
      'Hl7AdapterError',
      'SCHEMA_VERSION',
      'decodeHl7Escapes',
      'defaultLexicon',
      'detectContext',
      'explain',
      'explainMany',
      'fromFhir',
      'fromHl7v2',
      'htmlToText',
      'listConcepts',
      'toMarkdown',
      'toText'
    ])
    expect(Object.keys(core).sort()).toEqual(['DEFAULT_MAX_LENGTH', 'SCHEMA_VERSION', 'defaultLexicon', 'detectContext', 'explain', 'listConcepts'])
    expect(Object.keys(html).sort()).toEqual(['sanitizeSchema', 'serialize', 'statusLabels', 'stylesheet', 'toHast', 'toHtml', 'toHtmlDocument'])
    expect(Object.keys(remark).sort()).toEqual(['alignText', 'default'])
    expect(Object.keys(schema)).toContain('resultSchema')
    expect(Object.keys(lexicon)).toContain('validateLexicon')
  })

  it('explain: empty text is an empty result, not an error', () => {
    const result = main.explain('')
    expect(result.annotations).toEqual([])
    expect(result.sections).toEqual([])
    expect(result.glossary).toEqual([])
    expect(result.schemaVersion).toBe(main.SCHEMA_VERSION)
    expect(result.disclaimer.length).toBeGreaterThan(0)
  })

  it('explain: wrong types and sizes get clear errors naming the parameter', () => {
    expect(() => main.explain(42 as unknown as string)).toThrow(new TypeError('bme-explain: `text` must be a string, got number'))
    expect(() => main.explain(null as unknown as string)).toThrow(/`text` must be a string, got null/)
    expect(() => main.explain('BME', {audience: 'doctor' as 'patient'})).toThrow(TypeError)
    expect(() => main.explain('BME', {format: 'html' as 'text'})).toThrow(TypeError)
    expect(() => main.explain('BME in the talus', {maxLength: 3})).toThrow(RangeError)
    expect(() => core.explain('BME', {format: 'markdown'})).toThrow(/import `explain` from 'bme-explain'/)
  })

  it('explain: the audience changes the wording, not what is found', () => {
    const text = 'No bone marrow edema in the medial femoral condyle.'
    const patient = main.explain(text)
    const clinician = main.explain(text, {audience: 'clinician'})
    expect(clinician.annotations.map((a) => [a.start, a.end, a.conceptId, a.context])).toEqual(
      patient.annotations.map((a) => [a.start, a.end, a.conceptId, a.context])
    )
    expect(patient.annotations[0]?.explanation.summary).not.toBe(clinician.annotations[0]?.explanation.summary)
    expect(patient.annotations[0]?.context.negated).toBe(true)
    expect(patient.annotations[0]?.explanation.note).toBe(main.defaultLexicon.notes.status.negated.patient)
  })

  it('listConcepts: every concept once, filtered by category, in the audience asked for', () => {
    const all = main.listConcepts()
    expect(all.length).toBe(main.defaultLexicon.concepts.length)
    expect(new Set(all.map((concept) => concept.id)).size).toBe(all.length)
    const sequences = main.listConcepts({category: 'sequence', audience: 'clinician'})
    expect(sequences.every((concept) => concept.category === 'sequence')).toBe(true)
    const stir = sequences.find((concept) => concept.id === 'stir')
    expect(stir?.summary).toBe(main.defaultLexicon.concepts.find((concept) => concept.id === 'stir')?.explanations.clinician.summary)
    expect(() => main.listConcepts({audience: 'nurse' as 'patient'})).toThrow(TypeError)
  })

  it('markdown: offsets index the original markdown', () => {
    const text = '## Findings\n\n- **Bone marrow edema** in the `MFC`.\n'
    const result = main.explain(text, {format: 'markdown'})
    expect(result.annotations.map((a) => [a.text, a.conceptId, a.section])).toEqual([
      ['Bone marrow edema', 'bone-marrow-edema', 'findings'],
      ['MFC', 'medial-femoral-condyle', 'findings']
    ])
    for (const a of result.annotations) expect(text.slice(a.start, a.end)).toBe(a.text)
  })
})
