/**
 * `bme-explain/core`: the browser-sized entry. Plain-text input only (no
 * markdown parser bundled); everything else as in `bme-explain`.
 */
import {explainWith, type ExplainOptions} from './explain.js'
import type {ExplainResult} from './result-schema.js'

/**
 * Find every bone-marrow-edema-related phrase in plain report `text` and
 * explain it. Throws `TypeError` for a non-string, `RangeError` above
 * `options.maxLength`; returns an empty result for empty text.
 */
export function explain(text: string, options?: ExplainOptions): ExplainResult {
  return explainWith(text, options, {})
}

export {detectContext, type DetectContextOptions, type Span} from './detect-context.js'
export {listConcepts, type ConceptInfo, type ListConceptsOptions} from './concepts.js'
export {defaultLexicon} from './lexicon/default.js'
export {DEFAULT_MAX_LENGTH} from './errors.js'
export {SCHEMA_VERSION} from './schema-version.js'
export type {ExplainOptions} from './explain.js'
export type {Category, Change, ContextCategory, LexiconData, SectionId} from './lexicon/schema.js'
export type {
  Annotation,
  Audience,
  Context,
  ContextResult,
  CueRef,
  Explanation,
  ExplainResult,
  GlossaryEntry,
  SectionResult,
  SourceInfo,
  SourceRef
} from './result-schema.js'
