/**
 * `bme-explain/schema`: the zod schemas of the result of `explain()` and of
 * the lexicon, and `resultJsonSchema()`, the JSON Schema the package ships
 * as `schema.json` (`bme-explain/schema.json`). Uses zod, so keep it out of
 * a browser bundle that only needs `explain()`.
 */
import {z} from 'zod'
import {resultSchema} from './result-schema.js'
import {SCHEMA_VERSION} from './schema-version.js'

export {
  SCHEMA_VERSION,
  annotationSchema,
  contextResultSchema,
  contextSchema,
  cueRefSchema,
  explanationSchema,
  glossaryEntrySchema,
  resultSchema,
  sectionResultSchema,
  sourceInfoSchema,
  sourceRefSchema
} from './result-schema.js'
export {
  categorySchema,
  citationSchema,
  conceptSchema,
  cueSchema,
  explanationTextSchema,
  lexiconSchema,
  notesSchema,
  sectionSchema,
  sourceSchema
} from './lexicon/schema.js'

/**
 * The result's schema as JSON Schema (draft 2020-12), generated with
 * `z.toJSONSchema`; `schema.json` holds exactly this (a test keeps them in
 * sync; `npx tsx scripts/build-schema.ts` rewrites the file).
 */
export function resultJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(resultSchema, {target: 'draft-2020-12'}),
    title: 'bme-explain result',
    description: `The value returned by explain() from bme-explain, schemaVersion ${SCHEMA_VERSION}.`
  }
}
