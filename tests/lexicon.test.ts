import {readFileSync} from 'node:fs'
import {fleschKincaid} from 'flesch-kincaid'
import {syllable} from 'syllable'
import {describe, expect, it} from 'vitest'
import neutrality from '../lexicon/neutrality.json' with {type: 'json'}
import {detectContext, explain} from '../src/index.js'
import {type Concept, curationProblems, defaultLexicon, formKey, type LexiconData, lexiconSchema, validateLexicon} from '../src/lexicon/index.js'
import {writtenTexts} from '../scripts/check-sources.js'
import {conceptTable, withTable} from '../scripts/lexicon-table.js'

const lexicon = defaultLexicon

/** Flesch-Kincaid grade of `text`, leaving out the words of `ignore` (the concept's own term). */
export function grade(text: string, ignore: readonly string[] = []): number {
  let rest = ` ${text} `
  for (const phrase of [...ignore].sort((a, b) => b.length - a.length)) {
    const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]+')
    rest = rest.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'), ' ')
  }
  const sentences = rest.split(/[.!?]+(?:\s|$)/).filter((part) => /[\p{L}\p{N}]/u.test(part)).length
  const words = rest.match(/[\p{L}\p{N}'’]+/gu) ?? []
  if (words.length === 0) return 0
  const syllables = words.reduce((sum, word) => sum + Math.max(1, syllable(word)), 0)
  return fleschKincaid({sentence: Math.max(1, sentences), word: words.length, syllable: syllables})
}

/** The sentences of `text`, cut where grade() counts a sentence end (a full stop, ! or ? before a space or the end). */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/).filter((part) => /[\p{L}\p{N}]/u.test(part))
}

/** Every sentence of a patient summary or detail above grade 8 (CURATING.md: each sentence, the concept's own term left out). */
function hardSentences(concepts: readonly Concept[]): {id: string; field: string; grade: number; sentence: string}[] {
  const hard: {id: string; field: string; grade: number; sentence: string}[] = []
  for (const concept of concepts) {
    for (const field of ['summary', 'detail'] as const) {
      const text = concept.explanations.patient[field]
      if (!text) continue
      for (const sentence of sentences(text)) {
        const value = grade(sentence, [concept.label, ...concept.forms])
        if (value > 8) hard.push({id: concept.id, field, grade: Math.round(value * 10) / 10, sentence})
      }
    }
  }
  return hard
}

function conceptsFound(text: string): string[] {
  return explain(text).annotations.map((annotation) => annotation.conceptId)
}

describe('lexicon data', () => {
  it('matches the schema', () => {
    const parsed = lexiconSchema.safeParse(lexicon)
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([])
  })

  it('follows the curation rules (unique ids and forms, known sources)', () => {
    expect(curationProblems(lexicon)).toEqual([])
  })

  it('has at least 100 concepts and 600 surface forms across every category', () => {
    const forms = lexicon.concepts.reduce((sum, concept) => sum + concept.forms.length + (concept.tied?.forms.length ?? 0), 0)
    const categories = new Set(lexicon.concepts.map((concept) => concept.category))
    console.info(`lexicon: ${lexicon.concepts.length} concepts, ${forms} surface forms`)
    expect(lexicon.concepts.length).toBeGreaterThanOrEqual(100)
    expect(forms).toBeGreaterThanOrEqual(600)
    expect([...categories].sort()).toEqual(['anatomy', 'condition', 'descriptor', 'finding', 'modality', 'procedure', 'sequence'])
  })

  it('keeps the curators\' notes on every source (the file it is, how far to trust it)', () => {
    for (const source of lexicon.sources) expect([source.id, Boolean(source.file && source.trust)]).toEqual([source.id, true])
  })

  it('cites the five sources and nothing else', () => {
    expect(lexicon.sources.map((source) => source.id).sort()).toEqual([
      'amsk-knee-bml',
      'bartl-bmes-2019',
      'bme-causes-overview',
      'clinical-bme-causes',
      'footwear-bme-guide'
    ])
  })

  it('validateLexicon rejects a broken lexicon with a readable list', () => {
    const broken = {...lexicon, concepts: [...lexicon.concepts, {...lexicon.concepts[0]!, sources: [{source: 'nowhere', locator: 'x'}]}]}
    expect(() => validateLexicon(broken)).toThrow(/is used twice|unknown source/)
    expect(() => validateLexicon({version: 1})).toThrow(TypeError)
    expect(validateLexicon(lexicon).concepts.length).toBe(lexicon.concepts.length)
  })

  it('validateLexicon holds each other sense to a form of its concept, and to no form of any', () => {
    const problems = (otherSenses: string[], id = 'patella') =>
      curationProblems({...lexicon, concepts: lexicon.concepts.map((concept) => (concept.id === id ? {...concept, otherSenses} : concept))})
    // Case and hyphens are tolerated, as for forms; abbreviations keep their capitals.
    expect(problems(['Patellar-Tendon', 'patellar tendon sheath'])).toEqual([])
    expect(problems(['edema clinic'], 'bone-marrow-edema')).toEqual([])
    expect(problems(['patellarx tendon', 'quadriceps tendon', 'kneecap'])).toEqual([
      '`patella`: other sense "patellarx tendon" holds none of its forms',
      '`patella`: other sense "quadriceps tendon" holds none of its forms',
      '`patella`: other sense "kneecap" is a form of `patella`'
    ])
    expect(problems(['patellar tendon', 'patellar facet', 'medial patellofemoral joint'])).toEqual([
      '`patella`: other sense "patellar facet" is a form of `patella`',
      '`patella`: other sense "medial patellofemoral joint" holds none of its forms'
    ])
    expect(problems(['BME clinic', 'bme clinic'], 'bone-marrow-edema')).toEqual(['`bone-marrow-edema`: other sense "bme clinic" holds none of its forms'])
    expect(problems(['patellar tendon', 'patellar  tendon', ' '])).toEqual([
      'other sense "patellar  tendon" is listed twice (`patella`, `patella`; hyphens and case are already tolerated)',
      '`patella`: other sense " " has no words'
    ])
    expect(() => validateLexicon({...lexicon, concepts: lexicon.concepts.map((concept) => (concept.id === 'patella' ? {...concept, otherSenses: ['kneecap']} : concept))})).toThrow(
      /other sense "kneecap" is a form of `patella`/
    )
    expect(() => validateLexicon({...lexicon, concepts: lexicon.concepts.map((concept) => (concept.id === 'patella' ? {...concept, otherSenses: []} : concept))})).toThrow(/otherSenses/)
  })

  it('validateLexicon holds each past form to a form of its concept', () => {
    const problems = (pastForms: string[]) =>
      curationProblems({...lexicon, concepts: lexicon.concepts.map((concept) => (concept.id === 'surgery' ? {...concept, pastForms} : concept))})
    // Case and hyphens are tolerated, as for forms.
    expect(problems(['Post-Operative', 'postsurgical'])).toEqual([])
    expect(problems(['preoperative', 'post operative surgery'])).toEqual([
      '`surgery`: past form "preoperative" is not one of its forms',
      '`surgery`: past form "post operative surgery" is not one of its forms'
    ])
    expect(() => validateLexicon({...lexicon, concepts: lexicon.concepts.map((concept) => (concept.id === 'surgery' ? {...concept, pastForms: []} : concept))})).toThrow(/pastForms/)
  })

  it('validateLexicon holds each bone word apart from the forms and other senses', () => {
    const problems = (boneWords: string[]) => curationProblems({...lexicon, boneWords})
    expect(problems(['Scaphoid', 'pubic bone'])).toEqual([])
    expect(problems(['talus', 'patellar tendon', 'cuboid', 'Cuboid'])).toEqual([
      'bone word "talus" is a form of `talus`',
      'bone word "patellar tendon" is an other sense of `patella`',
      'bone word "Cuboid" is listed twice'
    ])
  })

  it('reads a mention in a past form as historical, in explain and in detectContext', () => {
    const text = 'Post-\noperative changes of the medial meniscus; surgery is recommended; the irradiated field shows fatty marrow.'
    const result = explain(text)
    const read = result.annotations.filter((annotation) => annotation.category === 'procedure').map((annotation) => [annotation.text, annotation.context.historical, annotation.context.hypothetical])
    expect(read).toEqual([
      ['Post-\noperative', true, false],
      ['surgery', false, true],
      ['irradiated', true, false]
    ])
    const cue = result.annotations[0]?.cues[0]
    expect(cue).toMatchObject({category: 'historical', via: 'cue', start: 0, end: 15, text: 'Post-\noperative'})
    expect(detectContext(text, {start: 0, end: 15}).context.historical).toBe(true)
    // In capitals too: a form with no abbreviation matches in any case.
    expect(explain('POSTOPERATIVE CHANGES OF ACL RECONSTRUCTION.').annotations[0]).toMatchObject({text: 'POSTOPERATIVE', context: {historical: true}})
    // A lexicon without past forms reads the same words as present.
    const plain = {...lexicon, concepts: lexicon.concepts.map(({pastForms, ...concept}) => concept)}
    expect(explain(text, {lexicon: plain}).annotations[0]?.context.historical).toBe(false)
  })

  it('validateLexicon holds each other spelling to a word in use, written in no phrase', () => {
    const withSpellings = (spellings: Record<string, string>, extraForm?: string) =>
      curationProblems({
        ...lexicon,
        spellings,
        concepts: lexicon.concepts.map((concept) => (concept.id === 'talus' && extraForm ? {...concept, forms: [...concept.forms, extraForm]} : concept))
      })
    expect(withSpellings({oedema: 'edema', tumour: 'tumor'})).toEqual([])
    expect(withSpellings({oedema: 'edema'}, 'talar oedema')).toEqual(['spelling "oedema" is used in a phrase: write the phrase with "edema"'])
    expect(withSpellings({colour: 'color'})).toEqual(['spelling "colour" names "color", which no phrase uses'])
    expect(() => validateLexicon({...lexicon, spellings: {Oedema: 'edema'}})).toThrow(/spellings/)
  })

  it('reads each other spelling as its word in every phrase, in a lexicon compiled at run time and in the packed default', () => {
    const own = {...lexicon, spellings: {...lexicon.spellings}}
    const text = 'Bone marrow oedema, not well visualised; favour a tumour. BONE MARROW OEDEMA.'
    const read = (data: LexiconData) =>
      explain(text, {lexicon: data}).annotations.map((annotation) => [annotation.text, annotation.conceptId, annotation.context.uncertain])
    expect(read(own)).toEqual([
      ['Bone marrow oedema', 'bone-marrow-edema', true],
      ['tumour', 'tumor', true],
      ['BONE MARROW OEDEMA', 'bone-marrow-edema', false]
    ])
    expect(read(lexicon)).toEqual(read(own))
    // Without the spellings, the British words are no form of anything: only "bone marrow" is found.
    expect(explain(text, {lexicon: {...lexicon, spellings: {}}}).annotations.map((annotation) => annotation.text)).toEqual(['Bone marrow', 'BONE MARROW'])
  })

  it('keeps the concept table in lexicon/README.md in sync', () => {
    const readme = readFileSync(new URL('../lexicon/README.md', import.meta.url), 'utf8')
    expect(withTable(readme, conceptTable(lexicon))).toBe(readme)
  })
})

describe('matching every concept', () => {
  for (const concept of lexicon.concepts) {
    it(`${concept.id}: finds it in every example and in none of the near misses`, () => {
      expect([concept.examples?.length ?? 0, concept.nearMisses?.length ?? 0].every((count) => count > 0)).toBe(true)
      for (const example of concept.examples ?? []) expect(conceptsFound(example), example).toContain(concept.id)
      for (const miss of concept.nearMisses ?? []) expect(conceptsFound(miss), miss).not.toContain(concept.id)
    })
  }

  it('matches abbreviations only in capitals', () => {
    const checked: string[] = []
    for (const concept of lexicon.concepts) {
      for (const form of concept.forms) {
        if (!/^[A-Z0-9 ]+$/.test(form) || !/[A-Z]{2}/.test(form)) continue
        const lower = form.toLowerCase()
        if (concept.forms.some((other) => formKey(other) === formKey(lower))) continue
        checked.push(form)
        expect(conceptsFound(`Seen: ${form}.`), form).toContain(concept.id)
        expect(conceptsFound(`Seen: ${lower}.`), lower).not.toContain(concept.id)
        expect(conceptsFound(`Seen: x${form}x.`), `x${form}x`).not.toContain(concept.id)
      }
    }
    expect(checked.length).toBeGreaterThan(10)
  })

  it('finds a form before a possessive', () => {
    expect(explain("The medial femoral condyle's surface, the MFC’s cartilage and Charcot's joint.").annotations.map((annotation) => annotation.text)).toEqual([
      'medial femoral condyle',
      'MFC',
      'cartilage',
      "Charcot's"
    ])
  })

  it('finds each surface form on its own', () => {
    for (const concept of lexicon.concepts) {
      for (const form of concept.forms) {
        const text = `Report: ${form}.`
        const found = explain(text).annotations.find((annotation) => annotation.conceptId === concept.id)
        expect(found?.text, `${concept.id}: ${form}`).toBe(form)
      }
    }
  })
})

describe('explanations', () => {
  // Every text a reader can be shown, as scripts/check-sources.ts checks them against the sources.
  const texts = writtenTexts(lexicon)

  it('contain none of the banned patterns (advice, prognosis, severity, cause, products)', () => {
    const found: string[] = []
    for (const {pattern, why} of neutrality.patterns) {
      const regex = new RegExp(pattern, 'i')
      for (const {where, text} of texts) {
        const match = regex.exec(text)
        if (match) found.push(`${where}: "${match[0]}" (${why})`)
      }
    }
    expect(found).toEqual([])
  })

  it('the neutrality check catches what it is for', () => {
    const samples = [
      'You have a stress fracture.',
      'This should heal in 6 weeks.',
      'Try Hoka Bondi shoes.',
      'Edema in the talus suggests a stress injury.',
      'This is a serious finding.',
      'There is an 80% chance of recovery.'
    ]
    for (const sample of samples) {
      expect(neutrality.patterns.some(({pattern}) => new RegExp(pattern, 'i').test(sample)), sample).toBe(true)
    }
  })

  it('patient summaries and details read at grade 8 or below in every sentence, summary median 6 or below', () => {
    const grades = lexicon.concepts.map((concept) => grade(concept.explanations.patient.summary, [concept.label, ...concept.forms]))
    const sorted = [...grades].sort((a, b) => a - b)
    const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0
    const sentenceGrades = lexicon.concepts.flatMap((concept) =>
      [concept.explanations.patient.summary, concept.explanations.patient.detail ?? ''].flatMap((text) => sentences(text).map((sentence) => grade(sentence, [concept.label, ...concept.forms])))
    )
    const buckets = new Map<number, number>()
    for (const value of sentenceGrades) buckets.set(Math.max(0, Math.floor(value)), (buckets.get(Math.max(0, Math.floor(value))) ?? 0) + 1)
    console.info(
      `patient summary Flesch-Kincaid grades (n=${sorted.length}): min ${sorted[0]?.toFixed(1)}, median ${median.toFixed(1)}, max ${sorted.at(-1)?.toFixed(1)}\n` +
        `patient sentence grades (n=${sentenceGrades.length}, summaries and details), max ${Math.max(...sentenceGrades).toFixed(1)}:\n` +
        [...buckets].sort((a, b) => a[0] - b[0]).map(([bucket, count]) => `  grade ${bucket}-${bucket + 1}: ${'#'.repeat(count)} ${count}`).join('\n')
    )
    expect(hardSentences(lexicon.concepts)).toEqual([])
    expect(median).toBeLessThanOrEqual(6)
  })

  it('the per-sentence check finds a hard sentence that a whole-text grade hides', () => {
    // The review's case: osteitis once read "Inflammation inside a bone. ..." (9.6 alone, 4.2 as a whole summary).
    const base = lexicon.concepts[0]!
    const hidden = 'Inflammation inside a bone. The bone tissue reacts with extra blood and fluid.'
    const concept: Concept = {...base, id: 'sample', label: 'osteitis', forms: ['osteitis'], explanations: {...base.explanations, patient: {summary: 'A plain one.', detail: hidden}}}
    expect(grade(hidden)).toBeLessThanOrEqual(8)
    expect(hardSentences([concept])).toEqual([{id: 'sample', field: 'detail', grade: 9.6, sentence: 'Inflammation inside a bone.'}])
    expect(hardSentences([{...concept, explanations: {...concept.explanations, patient: {summary: hidden}}}]).map((entry) => entry.field)).toEqual(['summary'])
    expect(sentences('One. Two? Three! Four')).toEqual(['One.', 'Two?', 'Three!', 'Four'])
  })

  it('the readability measure grades hard text above easy text', () => {
    expect(grade('The cat sat on the mat.')).toBeLessThan(3)
    expect(grade('Intraosseous hyperintensity demonstrates heterogeneous characteristics.')).toBeGreaterThan(12)
    expect(grade('Bone marrow edema is fluid.', ['bone marrow edema'])).toBeLessThan(grade('Bone marrow edema is fluid.'))
  })
})
