/**
 * `bme-explain/lexicon`: the lexicon's schemas, the default lexicon and
 * `validateLexicon` for a lexicon of your own. Uses zod (not for the browser
 * hot path: zod generates code at run time).
 */
import {curationProblems} from './curation.js'
import {lexiconSchema, type LexiconData} from './schema.js'

/**
 * Check lexicon data against the schema and the curation rules. Returns the
 * data, typed; throws a `TypeError` listing every problem otherwise.
 */
export function validateLexicon(data: unknown): LexiconData {
  const parsed = lexiconSchema.safeParse(data)
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 20).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    throw new TypeError(`bme-explain: invalid lexicon:\n${lines.join('\n')}`)
  }
  const problems = curationProblems(parsed.data)
  if (problems.length > 0) throw new TypeError(`bme-explain: invalid lexicon:\n${problems.slice(0, 20).join('\n')}`)
  return parsed.data
}

export {curationProblems, formKey} from './curation.js'
export {defaultLexicon} from './default.js'
export {
  categories,
  categorySchema,
  changeValues,
  citationSchema,
  conceptSchema,
  contextCategories,
  cueSchema,
  lexiconSchema,
  notesSchema,
  qualifiersSchema,
  sectionIds,
  sectionSchema,
  sourceSchema,
  type Category,
  type Change,
  type Citation,
  type Concept,
  type ContextCategory,
  type Cue,
  type LexiconData,
  type Notes,
  type Qualifiers,
  type Section,
  type SectionId,
  type Source
} from './schema.js'
