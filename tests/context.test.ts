/**
 * The context engine through `detectContext`, and the rules the cue data
 * must keep. Expectations are written from the sentences by hand.
 */
import {describe, expect, it} from 'vitest'
import cues from '../lexicon/cues.json' with {type: 'json'}
import sections from '../lexicon/sections.json' with {type: 'json'}
import {detectContext} from '../src/detect-context.js'
import {cueSchema, sectionSchema} from '../src/lexicon/schema.js'
import {tokenize, tokenTexts} from '../src/tokens.js'
import {smallLexicon} from './small-lexicon.js'

function at(text: string, target: string, occurrence = 1) {
  let start = -1
  for (let count = 0; count < occurrence; count++) start = text.indexOf(target, start + 1)
  return detectContext(text, {start, end: start + target.length}, {lexicon: smallLexicon})
}

describe('detectContext', () => {
  it('rejects bad arguments with clear errors', () => {
    expect(() => detectContext(42 as unknown as string, {start: 0, end: 0})).toThrow(TypeError)
    expect(() => detectContext('No edema.', {start: 5, end: 3})).toThrow(RangeError)
    expect(() => detectContext('No edema.', {start: 0, end: 99})).toThrow(RangeError)
    expect(() => detectContext('No edema.', {start: 0.5, end: 2})).toThrow(RangeError)
    expect(() => detectContext('No edema.', null as unknown as {start: number; end: number})).toThrow(RangeError)
    expect(() => detectContext('No edema.', {start: 0, end: 2}, {maxLength: 3})).toThrow(RangeError)
  })

  it('gives an empty context for a span without words', () => {
    expect(detectContext('No   edema.', {start: 2, end: 4}, {lexicon: smallLexicon})).toEqual({
      context: {negated: false, uncertain: false, historical: false, hypothetical: false, change: null},
      cues: []
    })
  })

  it('names each cue with its offsets, once per flag it sets', () => {
    const text = 'Marrow edema in the talus has resolved.'
    expect(at(text, 'Marrow edema').cues).toEqual([
      {category: 'negated', change: 'resolved', via: 'cue', text: 'resolved', start: 30, end: 38},
      {category: 'historical', change: 'resolved', via: 'cue', text: 'resolved', start: 30, end: 38}
    ])
  })

  it('names the section heading that implies a flag', () => {
    const text = 'INDICATION: knee pain\nFINDINGS: no fracture'
    expect(at(text, 'knee pain')).toEqual({
      context: {negated: false, uncertain: false, historical: false, hypothetical: true, change: null},
      cues: [{category: 'hypothetical', change: null, via: 'section', text: 'INDICATION', start: 0, end: 10}]
    })
    expect(at(text, 'fracture').context.hypothetical).toBe(false)
  })

  it('re-matches cues around a mention that overlaps one', () => {
    // "no change" is an unchanged cue; for the mention "change in vision" the
    // words before it are matched again and "no" negates it.
    const result = at('No change in vision.', 'change in vision')
    expect(result.context.negated).toBe(true)
    expect(result.cues.map((cue) => cue.text)).toEqual(['No'])
  })

  it('keeps scopes inside their sentence and bounded', () => {
    const words = Array.from({length: 200}, (_, index) => `w${index}`).join(' ')
    expect(at(`If ${words} fracture.`, 'fracture').context.hypothetical).toBe(false)
    expect(at(`If ${words.split(' ').slice(0, 40).join(' ')} fracture.`, 'fracture').context.hypothetical).toBe(true)
  })

  it('handles a long text of cues without slowing per mention', () => {
    const text = 'no '.repeat(20000) + 'fracture.'
    const result = at(text, 'fracture')
    expect(result.context.negated).toBe(true)
  })
})

describe('cue and section data', () => {
  it('validates against the schema', () => {
    for (const cue of cues) expect(cueSchema.safeParse(cue).success).toBe(true)
    for (const section of sections) expect(sectionSchema.safeParse(section).success).toBe(true)
  })

  it('lists a phrase under two cues only for targets of different categories (so a mention gets one reading of it)', () => {
    const seen = new Map<string, Set<string>>()
    const repeated: string[] = []
    for (const cue of cues) {
      const targets = cue.targets ?? ['any']
      for (const phrase of cue.phrases) {
        const key = tokenTexts(tokenize(phrase)).join(' ').toLowerCase()
        const before = seen.get(key) ?? new Set<string>()
        if (before.size > 0 && (before.has('any') || targets.some((target) => target === 'any' || before.has(target)))) repeated.push(phrase)
        for (const target of targets) before.add(target)
        seen.set(key, before)
      }
    }
    expect(repeated).toEqual([])
    // The one phrase listed twice today: a plan before a procedure, a hedge before a finding or a condition.
    expect(cues.filter((cue) => cue.phrases.includes('consider')).map((cue) => [cue.category, cue.targets])).toEqual([
      ['hypothetical', ['procedure']],
      ['uncertain', ['finding', 'condition']]
    ])
  })

  it('documents every cue and gives every flag cue a direction', () => {
    for (const cue of cues) {
      expect(typeof cue.comment).toBe('string')
      if (cue.category !== 'pseudo' && cue.category !== 'terminator') expect(cue.direction).toBeDefined()
    }
  })

  it('lists each heading once across all sections', () => {
    const headings = sections.flatMap((section) => section.headings.map((heading) => heading.toLowerCase()))
    expect(new Set(headings).size).toBe(headings.length)
  })
})
