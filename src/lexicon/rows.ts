/**
 * The default lexicon's concepts as rows of values, for the bundles: the
 * same objects without their keys written out for every concept (in the
 * browser entry, about 0.9 KB less gzipped). scripts/build.ts writes the
 * rows (`conceptRows`) into the bundled copy of the default lexicon, which
 * rebuilds the concepts with `conceptsFromRows` when it is imported: equal
 * objects, keys in the same order. The rows are written column by column
 * (all ids, then all categories, ...): like strings stand together, which
 * gzip packs about 0.25 KB smaller. Lists of phrases are written as one
 * string each, joined by `|` (`joinLists`, `splitLists`).
 */
import type {Concept, Cue} from './schema.js'

/**
 * One concept: its fields in their order, `0` for one it does not have,
 * and for a label that is the id with spaces for its hyphens (half the
 * concepts: "bone-bruise" is labelled "bone bruise"); a label that goes on
 * from there is written from a `+` ("+ (bone contusion)").
 */
export type ConceptRow = [
  id: string,
  category: Concept['category'],
  label: string | 0,
  /** The forms joined by `|`, some as a digit (see `ENDINGS`). */
  forms: string,
  /** The other senses joined by `|`. */
  otherSenses: string | 0,
  patientSummary: string,
  patientDetail: string | 0,
  clinicianSummary: string,
  clinicianDetail: string | 0,
  sources: number[],
  overlaps: string[] | 0,
  tied: NonNullable<Concept['tied']> | 0,
  /** The past forms joined by `|`. */
  pastForms: string | 0
]

/**
 * Forms written as a digit (in a row's string of forms): `0` for the id
 * with spaces for its hyphens (142 forms of the default lexicon), `1` and
 * `2` for the form before it with the ending "s" or "es" ("bone graft", 1
 * is "bone graft", "bone grafts": 208 forms), `3` for the form before it
 * with its last letter made "ies" ("ligament injury", 3: 26 forms). 0.8 KB
 * gzipped; the forms as one string rather than a list, 0.2 KB more.
 */
const ENDINGS = ['', 's', 'es', 'ies'] as const

/** The form `digit` (1 to 3, see `ENDINGS`) stands for after form `before`. */
function ending(before: string, digit: number): string {
  return (digit === 3 ? before.slice(0, -1) : before) + ENDINGS[digit]
}

/**
 * Rows and the sources they cite: each distinct source and locator once (46
 * for the default lexicon's 296 citations, 0.45 KB gzipped), a row citing
 * them by number. The rows are stored as columns: `columns[field][concept]`.
 */
export interface ConceptRows {
  sources: [source: string, locator: string][]
  columns: unknown[][]
}

/** The fields of a row (`ConceptRow`). */
const FIELDS = 13

/** The keys a row holds (curation data, such as `examples`, is not bundled). */
const KEYS = new Set(['id', 'category', 'label', 'forms', 'otherSenses', 'explanations', 'sources', 'overlaps', 'tied', 'pastForms'])

/**
 * The rows of `concepts`. Throws if a concept has a key a row does not
 * hold, or would not come back the same (`conceptsFromRows`), so a field
 * added to the schema cannot be lost from the bundles unnoticed.
 */
export function conceptRows(concepts: readonly Concept[]): ConceptRows {
  const table = {sources: [] as ConceptRows['sources'], rows: [] as ConceptRow[]}
  const numbers = new Map<string, number>()
  const cite = ({source, locator}: Concept['sources'][number]): number => {
    const key = JSON.stringify([source, locator])
    let number = numbers.get(key)
    if (number === undefined) {
      number = table.sources.push([source, locator]) - 1
      numbers.set(key, number)
    }
    return number
  }
  for (const concept of concepts) {
    const other = Object.keys(concept).find((key) => !KEYS.has(key))
    if (other !== undefined) throw new Error(`bme-explain: conceptRows: concept \`${concept.id}\` has \`${other}\`, which a row does not hold`)
    const {patient, clinician} = concept.explanations
    const row: ConceptRow = [
      concept.id,
      concept.category,
      concept.label === labelOf(concept.id) ? 0 : concept.label.startsWith(`${labelOf(concept.id)} `) ? `+${concept.label.slice(concept.id.length)}` : concept.label,
      concept.forms
        .map((form, index, forms) =>
          form === labelOf(concept.id) ? 0 : index > 0 ? ([1, 2, 3].find((digit) => form === ending(forms[index - 1] as string, digit)) ?? form) : form
        )
        .join('|'),
      concept.otherSenses?.join('|') ?? 0,
      patient.summary,
      patient.detail ?? 0,
      clinician.summary,
      clinician.detail ?? 0,
      concept.sources.map(cite),
      concept.overlaps ?? 0,
      concept.tied ?? 0,
      concept.pastForms?.join('|') ?? 0
    ]
    if (JSON.stringify(fromRow(row, table.sources)) !== JSON.stringify(concept)) {
      throw new Error(`bme-explain: conceptRows: concept \`${concept.id}\` does not come back the same from its row`)
    }
    table.rows.push(row)
  }
  const {sources, rows} = table
  return {sources, columns: Array.from({length: FIELDS}, (_, field) => rows.map((row) => row[field]))}
}

/** The rows of `table`, one per concept (see `conceptRows`). */
export function rowsOf(table: ConceptRows): ConceptRow[] {
  const {columns} = table
  return (columns[0] ?? []).map((_, concept) => columns.map((column) => column[concept]) as ConceptRow)
}

/** The concepts of `table` (see `conceptRows`). */
export function conceptsFromRows(table: ConceptRows): Concept[] {
  return rowsOf(table).map((row) => fromRow(row, table.sources))
}

/** The concept of one row. */
function fromRow(row: ConceptRow, cited: ConceptRows['sources']): Concept {
  const [id, category, label, forms, otherSenses, patientSummary, patientDetail, clinicianSummary, clinicianDetail, sources, overlaps, tied, pastForms] = row
  return {
    id,
    category,
    label: label === 0 ? labelOf(id) : label.startsWith('+') ? labelOf(id) + label.slice(1) : label,
    forms: formsOf(id, forms),
    ...(otherSenses === 0 ? {} : {otherSenses: otherSenses.split('|')}),
    explanations: {
      patient: explanation(patientSummary, patientDetail),
      clinician: explanation(clinicianSummary, clinicianDetail)
    },
    sources: sources.map((number) => {
      const [source, locator] = cited[number] as [string, string]
      return {source, locator}
    }),
    ...(overlaps === 0 ? {} : {overlaps}),
    ...(tied === 0 ? {} : {tied}),
    ...(pastForms === 0 ? {} : {pastForms: pastForms.split('|')})
  }
}

/** An explanation of a row: its summary, and its detail unless that is `0`. */
function explanation(summary: string, detail: string | 0): Concept['explanations']['patient'] {
  return detail === 0 ? {summary} : {summary, detail}
}

/** The forms of concept `id`'s row, written out (see `ENDINGS`). */
function formsOf(id: string, row: string): string[] {
  const forms: string[] = []
  for (const form of row.split('|')) forms.push(form === '0' ? labelOf(id) : form.length === 1 && form > '0' && form < '4' ? ending(forms.at(-1) ?? '', +form) : form)
  return forms
}

/** The label a row leaves out: the id with spaces for its hyphens. */
function labelOf(id: string): string {
  return id.replaceAll('-', ' ')
}

/** Records with the list of strings under `K` written as one string. */
export type Joined<T, K extends keyof T> = Omit<T, K> & Record<K, string>

/**
 * Records with the list under `key` (a cue group's `phrases`, a section's
 * `headings`) in one string, joined by `|`: in the browser entry, about
 * 0.2 KB less gzipped than lists. Throws if a string holds the `|`.
 */
export function joinLists<T, K extends keyof T>(records: readonly T[], key: K): Joined<T, K>[] {
  return records.map((record) => {
    const list = record[key] as string[]
    if (list.some((item) => item.includes('|'))) throw new Error(`bme-explain: joinLists: a ${String(key)} entry holds \`|\``)
    return {...record, [key]: list.join('|')}
  })
}

/** The records `joinLists` joined, split again: equal objects, keys in the same order. */
export function splitLists<T, K extends keyof T>(rows: readonly Joined<T, K>[], key: K): T[] {
  return rows.map((row) => ({...row, [key]: (row[key] as string).split('|')}) as T)
}

/**
 * The keys of a cue group in the order lexicon/cues.json writes them (the
 * build checks it: `cueColumns`), without the curators' `comment`.
 */
const CUE_KEYS = ['category', 'direction', 'maxScope', 'targets', 'terminates', 'change', 'alsoHistorical', 'answer', 'phrases'] as const

/**
 * The cue groups as columns, like the concepts' rows (`columns[key][group]`,
 * `0` for a key a group does not have), each group's phrases joined by `|`
 * (see `twinned`): about 0.2 KB less gzipped than objects. Throws if a
 * group has a key not in `CUE_KEYS` (but `comment`) or holds them in
 * another order.
 */
export function cueColumns(cues: readonly Cue[]): unknown[][] {
  for (const cue of cues) {
    const keys = Object.keys(cue).filter((key) => key !== 'comment')
    const expected = CUE_KEYS.filter((key) => key in cue)
    if (keys.join() !== expected.join()) throw new Error(`bme-explain: cueColumns: a cue group has keys ${keys.join(', ')}; write them as ${expected.join(', ')}`)
  }
  return CUE_KEYS.map((key) => cues.map((cue) => (key === 'phrases' ? twinned(cue.phrases) : (cue[key] ?? 0))))
}

/** The verb forms whose phrases come in pairs ("is not seen", "are not seen"), written once in a cue column (`twinned`). */
const TWINS: Record<string, string> = {is: 'are', has: 'have', was: 'were'}

/**
 * A group's phrases joined by `|`, a phrase followed by its plural twin
 * ("is not seen", "are not seen") written once with a `~` before it ("~is
 * not seen"): 0.1 KB less gzipped. Throws if a phrase starts with `~`.
 */
function twinned(phrases: readonly string[]): string {
  const out: string[] = []
  for (let index = 0; index < phrases.length; index++) {
    const phrase = phrases[index] as string
    if (phrase.startsWith('~')) throw new Error(`bme-explain: cueColumns: the phrase "${phrase}" starts with \`~\``)
    const space = phrase.indexOf(' ')
    const twin = TWINS[phrase.slice(0, space)]
    if (space > 0 && twin !== undefined && phrases[index + 1] === twin + phrase.slice(space)) {
      out.push(`~${phrase}`)
      index++
    } else {
      out.push(phrase)
    }
  }
  return joinLists([{phrases: out}], 'phrases')[0]?.phrases ?? ''
}

/** The phrases `twinned` wrote. */
function untwinned(joined: string): string[] {
  const phrases: string[] = []
  for (const phrase of joined.split('|')) {
    if (!phrase.startsWith('~')) {
      phrases.push(phrase)
      continue
    }
    const space = phrase.indexOf(' ')
    phrases.push(phrase.slice(1), (TWINS[phrase.slice(1, space)] ?? '') + phrase.slice(space))
  }
  return phrases
}

/** The cue groups of `columns` (see `cueColumns`): equal objects, keys in the same order. */
export function cuesFromColumns(columns: readonly unknown[][]): Cue[] {
  return (columns[0] ?? []).map((_, group) => {
    const cue: Record<string, unknown> = {}
    CUE_KEYS.forEach((key, index) => {
      const value = columns[index]?.[group]
      if (value !== 0) cue[key] = key === 'phrases' ? untwinned(value as string) : value
    })
    return cue as Cue
  })
}
