/**
 * The shape of `explain()`'s result, as a zod schema. Exported from
 * `bme-explain/schema` (not from the main entry, so zod stays out of the
 * browser bundle) and shipped as JSON Schema in `schema.json`. The public
 * TypeScript types are inferred from it.
 */
import {z} from 'zod'
import {categories, changeValues, contextCategories, sectionIds} from './lexicon/schema.js'

import {SCHEMA_VERSION} from './schema-version.js'

export {SCHEMA_VERSION}

const offset = z.number().int().min(0)

export const contextSchema = z.strictObject({
  negated: z.boolean(),
  uncertain: z.boolean(),
  historical: z.boolean(),
  hypothetical: z.boolean(),
  /** What the report says changed since an earlier scan, if anything. */
  change: z.enum(changeValues).nullable()
})

export const cueRefSchema = z.strictObject({
  /** The flag this cue set (or `change` for change-only cues such as "new"). */
  category: z.enum([...contextCategories, 'change']),
  /** The change it reports, if any. */
  change: z.enum(changeValues).nullable(),
  /** `cue` for a word in the text, `section` for a heading that implies context. */
  via: z.enum(['cue', 'section']),
  text: z.string(),
  start: offset,
  end: offset
})

export const sourceRefSchema = z.strictObject({
  id: z.string(),
  locator: z.string()
})

export const explanationSchema = z.strictObject({
  summary: z.string(),
  detail: z.string().optional(),
  /** The fixed status note for a negated, uncertain, historical, hypothetical or changed mention. */
  note: z.string().optional(),
  sources: z.array(sourceRefSchema)
})

export const annotationSchema = z.strictObject({
  /** UTF-16 offset of the first character in the original input. */
  start: offset,
  /** UTF-16 offset just after the last character; `input.slice(start, end) === text`. */
  end: offset,
  text: z.string(),
  /** 1-based line of `start`. */
  line: z.number().int().min(1),
  /** 1-based column of `start`, in UTF-16 units. */
  column: z.number().int().min(1),
  conceptId: z.string(),
  category: z.enum(categories),
  label: z.string(),
  section: z.enum(sectionIds).nullable(),
  context: contextSchema,
  cues: z.array(cueRefSchema),
  explanation: explanationSchema
})

export const sectionResultSchema = z.strictObject({
  id: z.enum(sectionIds),
  /** The heading as written. */
  heading: z.string(),
  start: offset,
  end: offset
})

export const glossaryEntrySchema = z.strictObject({
  conceptId: z.string(),
  category: z.enum(categories),
  label: z.string(),
  summary: z.string(),
  detail: z.string().optional(),
  sources: z.array(sourceRefSchema)
})

export const sourceInfoSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  publisher: z.string(),
  author: z.string().optional(),
  year: z.number().int().nullable()
})

export const resultSchema = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  lexiconVersion: z.string(),
  audience: z.enum(['patient', 'clinician']),
  annotations: z.array(annotationSchema),
  sections: z.array(sectionResultSchema),
  /** One entry per concept found, in order of first mention. */
  glossary: z.array(glossaryEntrySchema),
  /** The sources the glossary cites. */
  sources: z.array(sourceInfoSchema),
  disclaimer: z.string()
})

export const contextResultSchema = z.strictObject({
  context: contextSchema,
  cues: z.array(cueRefSchema)
})

export type Context = z.infer<typeof contextSchema>
export type CueRef = z.infer<typeof cueRefSchema>
export type SourceRef = z.infer<typeof sourceRefSchema>
export type Explanation = z.infer<typeof explanationSchema>
export type Annotation = z.infer<typeof annotationSchema>
export type SectionResult = z.infer<typeof sectionResultSchema>
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>
export type SourceInfo = z.infer<typeof sourceInfoSchema>
export type ExplainResult = z.infer<typeof resultSchema>
export type ContextResult = z.infer<typeof contextResultSchema>
export type Audience = ExplainResult['audience']
