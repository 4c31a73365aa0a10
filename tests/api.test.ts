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

describe('option checking', () => {
  it('names a misspelt or unknown option instead of ignoring it', () => {
    expect(() => main.explain('bone marrow edema', {maxlength: 3} as never)).toThrow(/unknown option `options.maxlength`/)
    expect(() => main.explain('bone marrow edema', {audiance: 'clinician'} as never)).toThrow(TypeError)
    expect(() => main.explain('bone marrow edema', [] as never)).toThrow(/must be an object, got an array/)
    expect(() => main.listConcepts({categroy: 'finding'} as never)).toThrow(/unknown option `options.categroy`/)
    expect(() => main.detectContext('bone marrow edema', {start: 0, end: 4}, {max: 3} as never)).toThrow(TypeError)
    // Absent or undefined options are fine.
    expect(main.explain('bone marrow edema', {audience: undefined}).audience).toBe('patient')
  })

  it('checks the values the README documents', () => {
    expect(() => main.listConcepts({category: 'bogus'} as never)).toThrow(/`options.category` must be one of finding/)
    expect(main.listConcepts({category: 'sequence'}).every((concept) => concept.category === 'sequence')).toBe(true)
    expect(() => main.detectContext('bone marrow edema', {start: 0, end: 4}, {maxLength: 'x'} as never)).toThrow(/maxLength/)
    expect(() => main.explain('edema', {lexicon: {concepts: [], sources: []}} as never)).toThrow(/must be lexicon data/)
    expect(() => main.listConcepts({lexicon: {}} as never)).toThrow(/must be lexicon data/)
  })

  it('toText checks its result, width and input like the other renderers', () => {
    const input = 'No bone marrow edema.'
    const result = main.explain(input)
    expect(() => main.toText(null as never)).toThrow(/`result` must be the value returned by `explain\(\)`/)
    expect(() => main.toText(result, {width: Number.NaN})).toThrow(/`options.width`/)
    expect(() => main.toText(result, {input: 'Something else entirely'})).toThrow(RangeError)
    expect(main.toText(result, {input, width: 20})).toContain('> No [bone marrow edema].')
    // The disclaimer always shows, whatever the width.
    expect(main.toText(result, {width: 1e9})).toContain(result.disclaimer)
  })

  it('ends a source title once: "...edema?" takes no extra full stop', () => {
    const result = main.explain('Bone marrow edema.')
    const titled = result.sources.find((source) => source.title.endsWith('?'))
    expect(titled).toBeDefined()
    const text = main.toText(result, {width: 1000})
    const page = html.toHtml(result, {input: 'Bone marrow edema.'})
    for (const output of [text, page]) {
      expect(output).toContain(titled?.title)
      expect(output).not.toContain(`${titled?.title}.`)
    }
  })
})
