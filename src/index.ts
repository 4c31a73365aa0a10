/**
 * bme-explain: find bone-marrow-edema-related phrases in MRI report text and
 * explain each in neutral, sourced, plain language. Educational, not
 * diagnostic.
 */
import {explainWith, type ExplainOptions} from './explain.js'
import {markdownView} from './markdown.js'
import type {ExplainResult} from './result-schema.js'

/**
 * Find every bone-marrow-edema-related phrase in report `text` and explain
 * it. With `format: 'markdown'` the text is parsed as markdown first; offsets
 * always index the original `text`. Throws `TypeError` for a non-string or a
 * bad option, `RangeError` above `options.maxLength`; returns an empty result
 * for empty text.
 */
export function explain(text: string, options?: ExplainOptions): ExplainResult {
  return explainWith(text, options, {markdown: markdownView})
}

export {
  DEFAULT_MAX_LENGTH,
  SCHEMA_VERSION,
  defaultLexicon,
  detectContext,
  listConcepts,
  type Annotation,
  type Audience,
  type Category,
  type Change,
  type ConceptInfo,
  type Context,
  type ContextCategory,
  type ContextResult,
  type CueRef,
  type DetectContextOptions,
  type ExplainOptions,
  type ExplainResult,
  type Explanation,
  type GlossaryEntry,
  type LexiconData,
  type ListConceptsOptions,
  type SectionId,
  type SectionResult,
  type SourceInfo,
  type SourceRef,
  type Span
} from './core.js'
export {toText, type TextOptions} from './render/text.js'
export {fromFhir, FhirAdapterError, type FhirAttachment, type FhirDiagnosticReport, type FhirDocumentReference} from './adapters/fhir.js'
export {fromHl7v2, decodeHl7Escapes, Hl7AdapterError, type Hl7Encoding} from './adapters/hl7v2.js'
export {htmlToText} from './adapters/html-to-text.js'
export {explainMany, type BatchId, type BatchItem, type BatchOptions, type BatchRecord} from './batch.js'
export {toMarkdown, type MarkdownLabels, type MarkdownOptions} from './render/markdown.js'
