/**
 * zod schemas for the lexicon data in `lexicon/`.
 *
 * These run when the lexicon is checked (tests, `validateLexicon`, a custom
 * lexicon passed by a caller), never on the hot path of `explain()`: zod
 * compiles code at run time, which a strict Content-Security-Policy forbids.
 */
import {z} from 'zod'

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case: lower-case letters, digits and single hyphens')

const sentence = z.string().trim().min(1)

export const categories = ['finding', 'sequence', 'modality', 'anatomy', 'condition', 'procedure', 'descriptor'] as const
export const categorySchema = z.enum(categories)

export const sourceSchema = z.strictObject({
  id,
  /**
   * File name in `shared/sources/`, for reviewers. Curation data, like
   * `trust`: the default lexicon has it in `lexicon/sources.json`; the
   * bundled copy leaves it out.
   */
  file: z.string().min(1).optional(),
  title: z.string().min(1),
  publisher: z.string().min(1),
  author: z.string().min(1).optional(),
  year: z.number().int().min(1900).max(2100).nullable(),
  kind: z.enum(['patient-education', 'consumer-health', 'retail-guide', 'clinician-summary', 'book-chapter-abstract']),
  /** How far the curators trust it, in one line (curation data, see `file`). */
  trust: z.string().min(1).optional()
})

export const citationSchema = z.strictObject({
  source: id,
  /** The heading or topic of the passage that supports the explanation. */
  locator: z.string().min(1)
})

export const explanationTextSchema = z.strictObject({
  summary: sentence,
  detail: sentence.optional()
})

export const conceptSchema = z.strictObject({
  id,
  category: categorySchema,
  label: z.string().min(1),
  /**
   * Surface forms as radiologists write them. Matching is whole-word and
   * tolerant of hyphens, spaces and line breaks between words. A word written
   * in capitals with no lower-case letter (BME, STIR, T1, PD) matches only in
   * capitals; any other word matches in any case.
   */
  forms: z.array(z.string().trim().min(1)).min(1),
  /**
   * Longer phrases that hold one of this concept's forms (or tied forms)
   * but name something else, so the concept's explanation would be wrong
   * for them: "patellar tendon" is a tendon, not the kneecap; "fracture
   * clinic" is a clinic. Matched like forms, they mean "no concept": by the
   * longest-match rule such a phrase wins over the form inside it, and
   * neither it nor any shorter form within it is annotated. Each must hold
   * one of the concept's forms as whole words and must not itself be a
   * form of any concept. Like forms, they lose a tie of equal length to a
   * form that starts earlier.
   */
  otherSenses: z.array(z.string().trim().min(1)).min(1).optional(),
  explanations: z.strictObject({
    patient: explanationTextSchema,
    clinician: explanationTextSchema
  }),
  sources: z.array(citationSchema).min(1),
  /**
   * Sentences written for this project: the tagger must find this concept
   * in each. Curation data, like `nearMisses`: every concept of the default
   * lexicon has both in `lexicon/concepts/*.json` (the tests see to it);
   * the bundled copy leaves them out, since explaining never reads them.
   */
  examples: z.array(sentence).min(1).optional(),
  /** Sentences written for this project: the tagger must not find this concept in any. */
  nearMisses: z.array(sentence).min(1).optional(),
  /** Ids of concepts allowed to share a surface form with this one. */
  overlaps: z.array(id).optional(),
  /**
   * Forms (among `forms`) that say the thing happened before: a mention
   * written so is `historical` ("postoperative changes", "the irradiated
   * field": the surgery and the radiotherapy are past).
   */
  pastForms: z.array(z.string().trim().min(1)).min(1).optional(),
  /**
   * Forms that name this concept only when the sentence ties them to a bone:
   * bare "edema" is bone marrow edema in "edema in the medial femoral condyle"
   * but not in "soft tissue edema". A tied form matches when one of the
   * `near` concepts stands within `window` words before or after it, and no
   * `blockedBy` phrase ends right before it. A `near` concept followed by
   * a `blockedBy` phrase names soft tissue ("the tibial nerve", "the
   * patellar tendon") and does not count. So does a word of the
   * lexicon's `boneWords`.
   */
  tied: z
    .strictObject({
      forms: z.array(z.string().trim().min(1)).min(1),
      near: z.array(id).min(1),
      window: z.number().int().min(1).max(12),
      blockedBy: z.array(z.string().trim().min(1))
    })
    .optional()
})

export const contextCategories = ['negated', 'uncertain', 'historical', 'hypothetical'] as const
export const changeValues = ['new', 'increased', 'decreased', 'unchanged', 'resolved'] as const

export const cueSchema = z.strictObject({
  /** Phrases of this cue, matched like concept forms (whole words, any case). */
  phrases: z.array(z.string().trim().min(1)).min(1),
  /**
   * `pseudo` phrases look like cues but are not ("no interval change"): they
   * win over the shorter cue inside them and set nothing. `terminator`
   * phrases end the scope of other cues ("but", "however"). `change`
   * phrases only report a change ("new") without setting a flag.
   */
  category: z.enum([...contextCategories, 'change', 'pseudo', 'terminator']),
  /** forward: the cue governs what follows it; backward: what precedes it. */
  direction: z.enum(['forward', 'backward', 'both']).optional(),
  /**
   * The most words the cue may reach; the sentence or a terminator may end
   * it sooner. Without it, the cue reaches to the end of its sentence (at
   * most 160 tokens away).
   */
  maxScope: z.number().int().min(1).max(50).optional(),
  /** For change language: the change it reports. */
  change: z.enum(changeValues).optional(),
  /** Also sets `historical` (for example "has resolved": negated + historical). */
  alsoHistorical: z.boolean().optional(),
  /**
   * The cue counts only as the whole answer to a label before it: a colon,
   * dash or question mark between, nothing after it in its sentence
   * ("Fracture: negative", "BME: nil"), so "negative deflections" and
   * "HLA-B27 negative, marrow edema ..." set nothing.
   */
  answer: z.boolean().optional(),
  /**
   * The categories of mention the cue applies to (default: all that take
   * context). "recommend" and "consider" make a procedure a plan; before a
   * finding they are something else ("consider stress fracture"). A
   * terminator with targets ends scopes only over mentions of those
   * categories: "with adjacent" ends a hedge before a finding ("possible
   * fracture with adjacent marrow edema"), not before a condition
   * ("suspected septic arthritis with adjacent osteomyelitis").
   */
  targets: z.array(z.enum(['finding', 'condition', 'procedure'])).min(1).optional(),

  /**
   * For terminators: the flags whose scopes this terminator ends (default:
   * all). "secondary to" ends negation and uncertainty, "presents" ends the
   * past, "but" ends everything.
   */
  terminates: z.array(z.enum(contextCategories)).min(1).optional(),
  comment: z.string().optional()
})

export const sectionIds = [
  'indication',
  'history',
  'past-history',
  'technique',
  'comparison',
  'findings',
  'impression',
  'recommendation',
  'bone-marrow',
  'other'
] as const

export const sectionSchema = z.strictObject({
  id: z.enum(sectionIds),
  /** Headings that open the section, any case, with or without a trailing colon. */
  headings: z.array(z.string().trim().min(1)).min(1),
  /** Organ labels ("BONE MARROW:") count as headings only with a colon. */
  needsColon: z.boolean().optional(),
  /** Context every mention in the section carries unless the text says otherwise. */
  implies: z.enum(['hypothetical', 'historical']).optional()
})

const noteSchema = z.strictObject({
  patient: sentence,
  clinician: sentence,
  sources: z.array(citationSchema)
})

export const notesSchema = z.strictObject({
  disclaimer: z.strictObject({patient: sentence, clinician: sentence}),
  status: z.strictObject({
    negated: noteSchema,
    uncertain: noteSchema,
    historical: noteSchema,
    hypothetical: noteSchema,
    new: noteSchema,
    increased: noteSchema,
    decreased: noteSchema,
    unchanged: noteSchema,
    resolved: noteSchema
  })
})

export const qualifiersSchema = z.strictObject({
  comment: z.string().optional(),
  /** Words joined to the front of a mention of one of `categories` ("left", "medial"). */
  words: z.array(z.string().trim().regex(/^[a-z]+$/, 'one lower-case word')).min(1),
  categories: z.array(categorySchema).min(1),
  /** How many such words one mention may take. */
  max: z.number().int().min(1).max(4)
})

export const lexiconSchema = z.strictObject({
  version: z.string().min(1),
  sources: z.array(sourceSchema).min(1),
  concepts: z.array(conceptSchema).min(1),
  cues: z.array(cueSchema),
  sections: z.array(sectionSchema),
  notes: notesSchema,
  /** Side and compartment words joined to anatomy mentions; none when absent. */
  qualifiers: qualifiersSchema.optional(),
  /**
   * Other spellings of words the phrases use, each read as the word it
   * names: {"oedema": "edema"} lets "bone marrow edema" match "bone marrow
   * oedema", in any phrase. Lower-case single words; a spelling is used in
   * no phrase itself (`validateLexicon` checks).
   */
  spellings: z.record(z.string().regex(/^[a-z]+$/), z.string().regex(/^[a-z]+$/)).optional(),
  /**
   * Bones no concept explains ("scaphoid", "sacrum", "glenoid"): a tied
   * form is tied to one as to a `near` concept ("glenoid edema"). They are
   * found but never annotated.
   */
  boneWords: z.array(z.string().trim().min(1)).min(1).optional()
})

export type Category = z.infer<typeof categorySchema>
export type Source = z.infer<typeof sourceSchema>
export type Citation = z.infer<typeof citationSchema>
export type Concept = z.infer<typeof conceptSchema>
export type Cue = z.infer<typeof cueSchema>
export type Section = z.infer<typeof sectionSchema>
export type Notes = z.infer<typeof notesSchema>
export type Qualifiers = z.infer<typeof qualifiersSchema>
export type LexiconData = z.infer<typeof lexiconSchema>
export type ContextCategory = (typeof contextCategories)[number]
export type Change = (typeof changeValues)[number]
export type SectionId = (typeof sectionIds)[number]
