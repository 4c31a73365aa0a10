import {describe, expect, it} from 'vitest'
import {explainMany, type BatchRecord} from '../src/batch.js'
import {explainWith} from '../src/explain.js'
import {smallLexicon} from './small-lexicon.js'

const options = {lexicon: smallLexicon}
const summary = (record: BatchRecord) =>
  'result' in record
    ? {index: record.index, id: record.id, terms: record.result.annotations.map((annotation) => annotation.text)}
    : {index: record.index, id: record.id, error: record.error}

describe('explainMany', () => {
  it('explains an array lazily, in order, keeping ids and giving null when there is none', () => {
    const records = explainMany(['BME here.', {id: 'r2', text: 'No fracture.'}, {id: 7, text: 'talus'}, {text: 'nothing'}], options)
    expect(records.next().value).toMatchObject({index: 0, id: null})
    expect([...records].map(summary)).toEqual([
      {index: 1, id: 'r2', terms: ['fracture']},
      {index: 2, id: 7, terms: ['talus']},
      {index: 3, id: null, terms: []}
    ])
  })

  it('gives the same result as explain for each item', () => {
    const [record] = [...explainMany([{id: 'a', text: 'Possible stress fracture.'}], {...options, audience: 'clinician'})]
    expect(record && 'result' in record ? record.result : undefined).toEqual(explainWith('Possible stress fracture.', {...options, audience: 'clinician'}, {}))
  })

  it('works over an async iterable', async () => {
    async function* reports() {
      yield 'BME'
      yield {id: 'x', text: 'MFC'}
    }
    const out: BatchRecord[] = []
    for await (const record of explainMany(reports(), options)) out.push(record)
    expect(out.map(summary)).toEqual([
      {index: 0, id: null, terms: ['BME']},
      {index: 1, id: 'x', terms: ['MFC']}
    ])
  })

  it('turns a bad item into an error record without report text, and goes on', () => {
    const secret = 'Patient Jane Doe has BME'
    const records = [...explainMany([42 as never, {id: {} as never, text: secret}, {id: 'long', text: secret}, {id: 'ok', text: 'BME'}], {...options, maxLength: 10})]
    expect(records.map(summary)).toEqual([
      {index: 0, id: null, error: {name: 'TypeError', message: 'bme-explain: `text` must be a string, got number'}},
      {index: 1, id: null, error: {name: 'TypeError', message: 'bme-explain: an item `id` must be a string or a finite number'}},
      {index: 2, id: 'long', error: {name: 'RangeError', message: expect.stringMatching(/is 24 characters long, over the limit of 10/)}},
      {index: 3, id: 'ok', terms: ['BME']}
    ])
    expect(JSON.stringify(records)).not.toContain('Jane')
  })

  it('checks the options and the batch up front', () => {
    expect(() => explainMany([], {audience: 'nobody' as never})).toThrow(TypeError)
    expect(() => explainMany('BME' as never, options)).toThrow(/iterable/)
    expect(() => explainMany(null as never, options)).toThrow(TypeError)
  })
})
