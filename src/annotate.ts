/**
 * Stage 7: annotations. Turns mentions and their context into the public
 * records: offsets into the original input, line and column, the concept's
 * explanation for the audience, and the fixed status note. The explanation
 * depends on the concept, the audience and the status alone.
 */
import type {CompiledLexicon} from './lexicon/compile.js'
import type {Concept, Notes} from './lexicon/schema.js'
import type {Audience, Context, Explanation, GlossaryEntry, SourceInfo, SourceRef} from './result-schema.js'

/** Which note a mention gets: a reported change first, then the flags. */
export function noteKey(context: Context): keyof Notes['status'] | undefined {
  if (context.change) return context.change
  if (context.negated) return 'negated'
  if (context.uncertain) return 'uncertain'
  if (context.hypothetical) return 'hypothetical'
  if (context.historical) return 'historical'
  return undefined
}

function citations(concept: Concept): SourceRef[] {
  const out: SourceRef[] = []
  for (const citation of concept.sources) out.push({id: citation.source, locator: citation.locator})
  return out
}

/** Per compiled lexicon and concept: the explanations made so far, by audience and note. */
const explanations = new WeakMap<CompiledLexicon, Map<Concept, Map<string, Explanation>>>()

/**
 * The explanation of a concept for an audience, with the note for its
 * context. It depends on nothing else, so one frozen record per concept,
 * audience and note is made and shared by every annotation that needs it
 * (a large report has hundreds of thousands of annotations, a few hundred
 * distinct explanations).
 */
export function explanationFor(lexicon: CompiledLexicon, concept: Concept, audience: Audience, context: Context): Explanation {
  let byConcept = explanations.get(lexicon)
  if (!byConcept) {
    byConcept = new Map()
    explanations.set(lexicon, byConcept)
  }
  let byNote = byConcept.get(concept)
  if (!byNote) {
    byNote = new Map()
    byConcept.set(concept, byNote)
  }
  const key = noteKey(context)
  const cacheKey = key === undefined ? audience : `${audience} ${key}`
  let explanation = byNote.get(cacheKey)
  if (!explanation) {
    explanation = makeExplanation(lexicon, concept, audience, key)
    byNote.set(cacheKey, explanation)
  }
  return explanation
}

function makeExplanation(lexicon: CompiledLexicon, concept: Concept, audience: Audience, key: keyof Notes['status'] | undefined): Explanation {
  const text = concept.explanations[audience]
  const sources = citations(concept)
  const note = key ? lexicon.data.notes.status[key] : undefined
  if (note) {
    for (const citation of note.sources) {
      if (!sources.some((source) => source.id === citation.source && source.locator === citation.locator)) {
        sources.push({id: citation.source, locator: citation.locator})
      }
    }
  }
  for (const source of sources) Object.freeze(source)
  Object.freeze(sources)
  // Fields in reading order.
  const {summary, detail} = text
  if (detail === undefined) return Object.freeze(note ? {summary, note: note[audience], sources} : {summary, sources})
  return Object.freeze(note ? {summary, detail, note: note[audience], sources} : {summary, detail, sources})
}

/**
 * 1-based line and column of offsets, with `\n`, `\r\n`, `\r`, U+2028 and
 * U+2029 as line ends. Offsets asked in increasing order (annotations are)
 * cost one scan of the text up to the last of them in all.
 */
export function lineLocator(text: string): (offset: number) => {line: number; column: number} {
  // Scanned up to `scanned`: `line` lines end before it, the last at `lineStart`.
  let scanned = 0
  let line = 1
  let lineStart = 0
  return (offset) => {
    if (offset < scanned) {
      scanned = 0
      line = 1
      lineStart = 0
    }
    for (; scanned < offset; scanned++) {
      const code = text.charCodeAt(scanned)
      if (code === 0x0a || code === 0x2028 || code === 0x2029 || (code === 0x0d && text.charCodeAt(scanned + 1) !== 0x0a)) {
        line++
        lineStart = scanned + 1
      }
    }
    return {line, column: offset - lineStart + 1}
  }
}

/** One glossary entry per concept: `concepts` are concept indexes, in order of first mention. */
export function glossaryFor(lexicon: CompiledLexicon, concepts: readonly number[], audience: Audience): GlossaryEntry[] {
  const glossary: GlossaryEntry[] = []
  for (const index of concepts) {
    const concept = lexicon.concepts[index]
    if (!concept) continue
    const text = concept.explanations[audience]
    const entry: GlossaryEntry = {
      conceptId: concept.id,
      category: concept.category,
      label: concept.label,
      summary: text.summary,
      sources: citations(concept)
    }
    if (text.detail !== undefined) entry.detail = text.detail
    glossary.push(entry)
  }
  return glossary
}

/** The sources cited by any of `explanations` (the distinct ones the annotations share), in lexicon order. */
export function sourcesFor(lexicon: CompiledLexicon, explanations: Iterable<Explanation>): SourceInfo[] {
  const cited = new Set<string>()
  for (const explanation of explanations) for (const source of explanation.sources) cited.add(source.id)
  const out: SourceInfo[] = []
  for (const source of lexicon.data.sources) {
    if (!cited.has(source.id)) continue
    const info: SourceInfo = {id: source.id, title: source.title, publisher: source.publisher, year: source.year}
    if (source.author !== undefined) info.author = source.author
    out.push(info)
  }
  return out
}
