import {describe, expect, it} from 'vitest'
import {createAnnotator} from '../src/annotate.js'
import {contextOfSpan, decideContext} from '../src/context.js'
import {compileLexicon} from '../src/lexicon/compile.js'
import {findPhrases} from '../src/match.js'
import type {Context, CueRef} from '../src/result-schema.js'
import {tokenize} from '../src/tokens.js'
import {smallLexicon} from './small-lexicon.js'

const lexicon = compileLexicon(smallLexicon)
const plain: Context = {negated: false, uncertain: false, historical: false, hypothetical: false, change: null}
const negated: Context = {...plain, negated: true}

function cue(start: number, end: number, text: string): CueRef {
  return {category: 'negated', change: null, via: 'cue', text, start, end}
}

describe('annotator', () => {
  const text = 'No fracture or marrow edema. Fracture.'

  it('shares a cue list between mentions with the same cues, frozen once shared', () => {
    const annotator = createAnnotator(text, lexicon, 'patient')
    annotator.add(5, 3, 11, null, negated, [cue(0, 2, 'No')])
    annotator.add(0, 15, 27, null, negated, [cue(0, 2, 'No')])
    annotator.add(5, 29, 37, null, plain, [cue(0, 2, 'No'), cue(12, 14, 'or')])
    const [first, second, third] = annotator.result([]).annotations
    expect(second?.cues).toBe(first?.cues)
    expect(Object.isFrozen(first?.cues)).toBe(true)
    expect(Object.isFrozen(first?.cues[0])).toBe(true)
    // A new list of the exact length, with the record the two have in common.
    expect(third?.cues).toHaveLength(2)
    expect(third?.cues[0]).toBe(first?.cues[0])
    expect(third?.cues[1]).toEqual(cue(12, 14, 'or'))
  })

  it('shares one string per text written and one glossary entry per concept', () => {
    const one = createAnnotator(text, lexicon, 'patient')
    one.add(5, 3, 11, null, plain, [])
    one.add(5, 29, 37, null, plain, [])
    one.add(5, 3, 11, null, negated, [])
    const result = one.result([])
    expect(result.annotations.map((annotation) => annotation.text)).toEqual(['fracture', 'Fracture', 'fracture'])
    expect(result.annotations[2]?.context).toEqual(negated)
    expect(result.annotations[2]?.explanation.note).toBeDefined()
    expect(result.glossary.map((entry) => entry.conceptId)).toEqual(['fracture'])
    expect(result.sources.map((source) => source.id)).toEqual(['test-source'])

    const two = createAnnotator(text, lexicon, 'patient')
    two.add(0, 15, 27, null, plain, [])
    two.add(5, 3, 11, null, plain, [])
    const again = two.result([])
    expect(again.glossary.map((entry) => entry.conceptId)).toEqual(['bone-marrow-edema', 'fracture'])
    expect(again.glossary[1]).toBe(result.glossary[0])
    expect(Object.isFrozen(again.glossary[1])).toBe(true)
    expect(again.sources[0]).toBe(result.sources[0])
  })
})

describe('decideContext', () => {
  it('gives a mention with no cue in reach the shared empty context, and detectContext a fresh one', () => {
    const text = 'Marrow edema. No fracture.'
    const tokens = tokenize(text)
    const input = {text, tokens, cues: lexicon.cues, cueMatches: findPhrases(text, tokens, lexicon.cueTrie), first: 0, last: 1, sentenceFirst: 0, sentenceLast: 2}
    const one = decideContext(input)
    expect(one).toEqual({context: plain, cues: []})
    expect(decideContext(input)).toBe(one)
    expect(Object.isFrozen(one.context)).toBe(true)
    // A section that implies context still sets it.
    const section = {implies: 'historical' as const, text: 'HISTORY', start: 0, end: 0}
    expect(decideContext({...input, section}).context.historical).toBe(true)

    const span = contextOfSpan(text, {start: 0, end: 12}, lexicon)
    expect(span).toEqual({context: plain, cues: []})
    expect(Object.isFrozen(span.context)).toBe(false)
  })
})

describe('status note', () => {
  it('tells a question, plan or condition apart first: no "not seen" note for a history\'s "no trauma"', async () => {
    const {explain} = await import('../src/index.js')
    const result = explain('CLINICAL HISTORY: Hip pain, no trauma.\n\nFINDINGS: No osteonecrosis. Recommend core decompression if pain persists.')
    const note = (text: string) => result.annotations.find((annotation) => annotation.text === text)?.explanation.note
    const hypothetical = note('trauma')
    expect(hypothetical).toMatch(/reason for the scan/)
    expect(note('core decompression')).toBe(hypothetical)
    // A finding of this scan keeps its own note.
    expect(note('osteonecrosis')).toMatch(/not seen or is not there/)
  })

  it('says nothing of this scan for a thing denied in the past or on an earlier scan', async () => {
    const {explain} = await import('../src/index.js')
    for (const text of ['No history of trauma.', 'No fracture line was seen on the previous MRI.', 'There is no prior fracture.']) {
      const [annotation] = explain(text).annotations
      expect([text, annotation?.context.negated, annotation?.context.historical]).toEqual([text, true, true])
      expect(annotation?.explanation.note).not.toMatch(/this scan/)
    }
  })
})
