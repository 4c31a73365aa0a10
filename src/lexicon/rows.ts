/**
 * The default lexicon's concepts as rows of values, for the bundles: the
 * same objects without their keys written out for every concept (in the
 * browser entry, about 0.9 KB less gzipped). scripts/build.ts writes the
 * rows (`conceptRows`) into the bundled copy of the default lexicon, which
 * rebuilds the concepts with `conceptsFromRows` when it is imported: equal
 * objects, keys in the same order.
 */
import type {Concept} from './schema.js'

/** One concept: its fields in their order, `0` for one it does not have. */
export type ConceptRow = [
  id: string,
  category: Concept['category'],
  label: string,
  forms: string[],
  otherSenses: string[] | 0,
  patientSummary: string,
  patientDetail: string | 0,
  clinicianSummary: string,
  clinicianDetail: string | 0,
  sources: [source: string, locator: string][],
  overlaps: string[] | 0,
  tied: NonNullable<Concept['tied']> | 0
]

/** The keys a row holds (curation data, such as `examples`, is not bundled). */
const KEYS = new Set(['id', 'category', 'label', 'forms', 'otherSenses', 'explanations', 'sources', 'overlaps', 'tied'])

/**
 * The rows of `concepts`. Throws if a concept has a key a row does not
 * hold, or would not come back the same (`conceptsFromRows`), so a field
 * added to the schema cannot be lost from the bundles unnoticed.
 */
export function conceptRows(concepts: readonly Concept[]): ConceptRow[] {
  return concepts.map((concept) => {
    const other = Object.keys(concept).find((key) => !KEYS.has(key))
    if (other !== undefined) throw new Error(`bme-explain: conceptRows: concept \`${concept.id}\` has \`${other}\`, which a row does not hold`)
    const {patient, clinician} = concept.explanations
    const row: ConceptRow = [
      concept.id,
      concept.category,
      concept.label,
      concept.forms,
      concept.otherSenses ?? 0,
      patient.summary,
      patient.detail ?? 0,
      clinician.summary,
      clinician.detail ?? 0,
      concept.sources.map(({source, locator}) => [source, locator]),
      concept.overlaps ?? 0,
      concept.tied ?? 0
    ]
    if (JSON.stringify(conceptsFromRows([row])[0]) !== JSON.stringify(concept)) {
      throw new Error(`bme-explain: conceptRows: concept \`${concept.id}\` does not come back the same from its row`)
    }
    return row
  })
}

/** The concepts of `rows` (see `conceptRows`). */
export function conceptsFromRows(rows: readonly ConceptRow[]): Concept[] {
  return rows.map(([id, category, label, forms, otherSenses, patientSummary, patientDetail, clinicianSummary, clinicianDetail, sources, overlaps, tied]) => ({
    id,
    category,
    label,
    forms,
    ...(otherSenses === 0 ? {} : {otherSenses}),
    explanations: {
      patient: patientDetail === 0 ? {summary: patientSummary} : {summary: patientSummary, detail: patientDetail},
      clinician: clinicianDetail === 0 ? {summary: clinicianSummary} : {summary: clinicianSummary, detail: clinicianDetail}
    },
    sources: sources.map(([source, locator]) => ({source, locator})),
    ...(overlaps === 0 ? {} : {overlaps}),
    ...(tied === 0 ? {} : {tied})
  }))
}
