/**
 * A small lexicon for stage tests: the real cues, sections and notes from
 * `lexicon/`, with a handful of concepts written here, so the stage tests do
 * not change when curators edit the concept files.
 */
import cues from '../lexicon/cues.json' with {type: 'json'}
import sections from '../lexicon/sections.json' with {type: 'json'}
import notes from '../lexicon/notes.json' with {type: 'json'}
import type {Concept, LexiconData} from '../src/lexicon/schema.js'

function concept(id: string, category: Concept['category'], forms: string[], extra?: Partial<Concept>): Concept {
  return {
    id,
    category,
    label: id,
    forms,
    explanations: {patient: {summary: `Patient text for ${id}.`}, clinician: {summary: `Clinician text for ${id}.`}},
    sources: [{source: 'test-source', locator: 'test'}],
    examples: [forms[0] ?? id],
    nearMisses: ['Nothing here.'],
    ...extra
  }
}

export const smallLexicon: LexiconData = {
  version: 'test',
  sources: [
    {id: 'test-source', file: 'none', title: 'Test source', publisher: 'Tests', year: null, kind: 'clinician-summary', trust: 'test'}
  ],
  concepts: [
    concept('bone-marrow-edema', 'finding', ['bone marrow edema', 'bone marrow oedema', 'marrow edema', 'BME'], {
      tied: {forms: ['edema', 'oedema'], near: ['medial-femoral-condyle', 'talus'], window: 4, blockedBy: ['soft tissue', 'muscle']}
    }),
    concept('subchondral', 'anatomy', ['subchondral', 'subchondral bone']),
    concept('medial-femoral-condyle', 'anatomy', ['medial femoral condyle', 'MFC']),
    concept('femoral-condyle', 'anatomy', ['femoral condyle']),
    concept('talus', 'anatomy', ['talus', 'talar dome']),
    concept('fracture', 'condition', ['fracture', 'fractures', 'fracture line'], {otherSenses: ['fracture clinic']}),
    concept('stress-fracture', 'condition', ['stress fracture']),
    concept('stir', 'sequence', ['STIR']),
    concept('x-ray', 'modality', ['x-ray'])
  ],
  cues,
  sections,
  notes
} as LexiconData
