/**
 * `listConcepts()`: every concept of the lexicon with its explanation for an
 * audience, so a portal can build a glossary page.
 */
import {assertAudience, assertLexiconShape, assertOptions} from './errors.js'
import {defaultLexicon} from './lexicon/default.js'
import type {Category, LexiconData} from './lexicon/schema.js'
import type {Audience, SourceRef} from './result-schema.js'

export interface ConceptInfo {
  id: string
  category: Category
  label: string
  forms: string[]
  summary: string
  detail?: string
  sources: SourceRef[]
}

export interface ListConceptsOptions {
  audience?: Audience | undefined
  /** Only concepts of this category. */
  category?: Category | undefined
  lexicon?: LexiconData | undefined
}

/**
 * The categories, as a record so the compiler holds it complete (the list in
 * schema.ts comes with zod, which stays out of the core's bundle).
 */
const CATEGORIES: Readonly<Record<Category, true>> = {
  finding: true,
  sequence: true,
  modality: true,
  anatomy: true,
  condition: true,
  procedure: true,
  descriptor: true
}

/** Every concept, in lexicon order. */
export function listConcepts(options?: ListConceptsOptions): ConceptInfo[] {
  assertOptions(options, ['audience', 'category', 'lexicon'])
  const audience = options?.audience ?? 'patient'
  assertAudience(audience)
  if (options?.category !== undefined && !Object.hasOwn(CATEGORIES, options.category)) {
    throw new TypeError(`bme-explain: \`options.category\` must be one of ${Object.keys(CATEGORIES).join(', ')}`)
  }
  if (options?.lexicon !== undefined) assertLexiconShape(options.lexicon)
  const lexicon = options?.lexicon ?? defaultLexicon
  return lexicon.concepts
    .filter((concept) => options?.category === undefined || concept.category === options.category)
    .map((concept) => {
      const text = concept.explanations[audience]
      const info: ConceptInfo = {
        id: concept.id,
        category: concept.category,
        label: concept.label,
        forms: [...concept.forms],
        summary: text.summary,
        sources: concept.sources.map((citation) => ({id: citation.source, locator: citation.locator}))
      }
      if (text.detail !== undefined) info.detail = text.detail
      return info
    })
}
