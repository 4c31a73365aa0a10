/**
 * Stage 7: annotations. Turns mentions and their context into the public
 * records: offsets into the original input, line and column, the concept's
 * explanation for the audience, and the fixed status note. The explanation
 * depends on the concept, the audience and the status alone.
 */
import type {CompiledLexicon} from './lexicon/compile.js'
import type {Change, Concept, Notes, SectionId} from './lexicon/schema.js'
import type {
  Annotation,
  Audience,
  Context,
  CueRef,
  ExplainResult,
  Explanation,
  GlossaryEntry,
  SectionResult,
  SourceInfo,
  SourceRef
} from './result-schema.js'
import {SCHEMA_VERSION} from './schema-version.js'
import {endsLine} from './tokens.js'

/** Collects the annotations of one `explain()` call and makes its result. */
export interface Annotator {
  /**
   * Add the mention of concept number `concept` at `[start, end)` with its
   * context. A context record passed again must not have changed.
   */
  add(concept: number, start: number, end: number, section: SectionId | null, context: Context, cues: CueRef[]): void
  /** The result, with the sections found. */
  result(sections: SectionResult[]): ExplainResult
}

/**
 * An annotator for `text`. Annotations share what they can, so a result for
 * a large report stays small: one frozen explanation per concept, audience
 * and context (`makeExplanation`), one frozen context per distinct context, one
 * empty cue list, one string per concept and text written (up to `SPELLINGS_KEPT`).
 */
export function createAnnotator(text: string, lexicon: CompiledLexicon, audience: Audience): Annotator {
  const locate = lineLocator(text)
  // The annotations in pieces of `PIECE`, joined once at the end: one
  // list for all would grow by copying, and on a long text each outgrown
  // copy stays in memory until a full garbage collection.
  let annotations: Annotation[] = []
  const pieces = [annotations]
  // Concepts in order of first mention (the glossary), and the contexts
  // seen (by `contextIndex`): together they say which sources are cited.
  const glossary: number[] = []
  const statuses: number[] = []
  const known = knownFor(lexicon)
  const explanations = known.explanations[audience]
  // Per concept mentioned, the distinct texts its annotations have had (see `spelledAs`).
  const spelled: string[][] = []
  // The last cue list handed out: mentions of one sentence or section
  // usually have the same cues, and then share one frozen list.
  let lastCues = NO_CUES

  // The last context seen, its number and explanations: most mentions share
  // one context record with the mention before (explain's shared empty context).
  let lastContext: Context | undefined
  let status = 0
  let byStatus: Explanation[] = []

  return {
    add(index, start, end, section, context, cues) {
      const concept = lexicon.concepts[index]
      if (!concept) return
      if (context !== lastContext) {
        lastContext = context
        status = contextIndex(context)
        byStatus = explanations[status] ??= []
        if (!statuses.includes(status)) statuses.push(status)
      }
      let explanation = byStatus[index]
      if (!explanation) {
        explanation = makeExplanation(lexicon, concept, audience, noteKey(context))
        byStatus[index] = explanation
      }
      let seen = spelled[index]
      if (!seen) {
        seen = spelled[index] = []
        glossary.push(index)
      }
      const written = spelledAs(text, start, end, seen)
      const {line, column} = locate(start)
      if (annotations.length === PIECE) pieces.push((annotations = []))
      annotations.push({
        start,
        end,
        text: written,
        line,
        column,
        conceptId: concept.id,
        category: concept.category,
        label: concept.label,
        section,
        context: CONTEXTS[status] ?? shared(context, status),
        cues: cues.length === 0 ? NO_CUES : (lastCues = shareCues(cues, lastCues)),
        explanation
      })
    },
    result(sections) {
      return {
        schemaVersion: SCHEMA_VERSION,
        lexiconVersion: lexicon.data.version,
        audience,
        annotations: pieces.length === 1 ? annotations : ([] as Annotation[]).concat(...pieces),
        sections,
        glossary: glossaryFor(lexicon, glossary, audience),
        sources: sourcesFor(lexicon, glossary, statuses),
        disclaimer: lexicon.data.notes.disclaimer[audience]
      }
    }
  }
}

/** Annotations per piece (see `createAnnotator`): a list this long is still an ordinary heap object (V8 keeps a longer one apart). */
const PIECE = 8192

/** Distinct texts kept per concept for sharing; most concepts are written a few ways only. */
const SPELLINGS_KEPT = 16

/**
 * `text.slice(start, end)`, or an equal string from `seen` (the texts of
 * earlier annotations of the same concept), so annotations with the same
 * text share one string. Slicing and comparing is twice as fast as
 * `startsWith` in place, and the slice not kept is short-lived.
 */
function spelledAs(text: string, start: number, end: number, seen: string[]): string {
  const written = text.slice(start, end)
  for (const known of seen) if (known === written) return known
  if (seen.length < SPELLINGS_KEPT) seen.push(written)
  return written
}

/** Each change (and none) as a small number, assigned on first sight. */
const CHANGE_NUMBERS = new Map<Change | null, number>([[null, 0]])

/** A small number for each distinct context: the four flags and the change. */
function contextIndex(context: Context): number {
  let change = context.change === null ? 0 : CHANGE_NUMBERS.get(context.change)
  if (change === undefined) {
    change = CHANGE_NUMBERS.size
    CHANGE_NUMBERS.set(context.change, change)
  }
  return (+context.negated | (+context.uncertain << 1) | (+context.historical << 2) | (+context.hypothetical << 3)) + 16 * change
}

/** One frozen record per distinct context, shared by the annotations that have it (by `contextIndex`). */
const CONTEXTS: Context[] = []
const NO_CUES: CueRef[] = Object.freeze([]) as unknown as CueRef[]

function shared(context: Context, index: number): Context {
  const {negated, uncertain, historical, hypothetical, change} = context
  // Fields in the order `decideContext` writes them.
  const known = Object.freeze({negated, uncertain, historical, hypothetical, change})
  CONTEXTS[index] = known
  return known
}

/**
 * `cues` as a list of the exact length, sharing what it can with `last`,
 * the list made before: the same list if every cue is the same (the
 * mentions of "no fracture, contusion or edema"), otherwise the same record
 * for each cue the two have in common (a section's cue, say). On the
 * benchmark's 10 MB input this keeps the result 15% smaller. A list or
 * record is frozen when a second annotation shares it: freezing costs three
 * times as much as making the record, and most are never shared.
 */
function shareCues(cues: CueRef[], last: CueRef[]): CueRef[] {
  // The usual case, tested first: the same cues as the mention before.
  let same = cues.length === last.length
  for (let index = 0; same && index < cues.length; index++) same = sameCue(cues[index] as CueRef, last[index] as CueRef)
  if (same) {
    for (const cue of last) Object.freeze(cue)
    Object.freeze(last)
    return last
  }
  // A list of the exact length (one built by `push` keeps room to grow).
  const out = new Array<CueRef>(cues.length)
  for (let index = 0; index < cues.length; index++) out[index] = sharedCue(cues[index] as CueRef, last)
  return out
}

/** The record in `last` equal to `cue` (now shared, so frozen), or `cue` itself. */
function sharedCue(cue: CueRef, last: readonly CueRef[]): CueRef {
  for (const other of last) if (sameCue(cue, other)) return Object.freeze(other)
  return cue
}

function sameCue(one: CueRef, other: CueRef): boolean {
  // The text follows from the offsets.
  return one.start === other.start && one.end === other.end && one.category === other.category && one.change === other.change && one.via === other.via
}

/**
 * Which note a mention gets: first that it is no result of this scan (the
 * reason for the scan, a plan, an "if"), since a question's "no trauma" or
 * "? osteonecrosis" is neither looked for and not seen nor the writer's
 * doubt; then a reported change; then the other flags.
 */
export function noteKey(context: Context): keyof Notes['status'] | undefined {
  if (context.hypothetical) return 'hypothetical'
  if (context.change) return context.change
  if (context.negated) return 'negated'
  if (context.uncertain) return 'uncertain'
  if (context.historical) return 'historical'
  return undefined
}

/** A concept's citations as a result lists them, each frozen (the list is not: see `makeExplanation`). */
function citations(concept: Concept): SourceRef[] {
  const out: SourceRef[] = []
  for (const citation of concept.sources) out.push(Object.freeze({id: citation.source, locator: citation.locator}))
  return out
}

/** What annotators keep per compiled lexicon, made on first use. */
interface Known {
  /**
   * By audience, context number (`contextIndex`) and concept index: the
   * explanation, so a mention finds it with two array reads.
   */
  explanations: Record<Audience, Explanation[][]>
  /** Per concept index: where its sources stand in `data.sources`. */
  conceptSources: number[][]
  /** Per context number: where the sources of its note stand in `data.sources`. */
  noteSources: number[][]
  /** Source id → index in `data.sources`. */
  sourceIndex: Map<string, number>
  /** By audience and concept index: the glossary entry, shared by every result. */
  glossary: Record<Audience, GlossaryEntry[]>
  /** By index in `data.sources`: the source as a result lists it. */
  sources: SourceInfo[]
}

const knownByLexicon = new WeakMap<CompiledLexicon, Known>()

function knownFor(lexicon: CompiledLexicon): Known {
  let known = knownByLexicon.get(lexicon)
  if (!known) {
    const sourceIndex = new Map(lexicon.data.sources.map((source, index) => [source.id, index]))
    known = {
      explanations: {patient: [], clinician: []},
      conceptSources: lexicon.concepts.map((concept) => indexesOf(sourceIndex, concept.sources)),
      noteSources: [],
      sourceIndex,
      glossary: {patient: [], clinician: []},
      sources: []
    }
    knownByLexicon.set(lexicon, known)
  }
  return known
}

/** The indexes in `data.sources` of some citations (unknown ids left out). */
function indexesOf(sourceIndex: ReadonlyMap<string, number>, citations: readonly {source: string}[]): number[] {
  const out: number[] = []
  for (const citation of citations) {
    const index = sourceIndex.get(citation.source)
    if (index !== undefined) out.push(index)
  }
  return out
}

/**
 * The explanation of a concept for an audience, with the note for its
 * context (`key`, see `noteKey`). It depends on nothing else, so the
 * annotator makes one frozen record per concept, audience and context
 * (`Known.explanations`) and every annotation that needs it shares it: a
 * large report has hundreds of thousands of annotations, a few hundred
 * distinct explanations.
 */
function makeExplanation(lexicon: CompiledLexicon, concept: Concept, audience: Audience, key: keyof Notes['status'] | undefined): Explanation {
  const text = concept.explanations[audience]
  const sources = citations(concept)
  const note = key ? lexicon.data.notes.status[key] : undefined
  if (note) {
    for (const citation of note.sources) {
      if (!sources.some((source) => source.id === citation.source && source.locator === citation.locator)) {
        sources.push(Object.freeze({id: citation.source, locator: citation.locator}))
      }
    }
  }
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
  // Whether `\n` is the only line end in the text (decided on first use):
  // then the native `indexOf` finds each one, far faster than a loop that
  // reads every character.
  let newlinesOnly: boolean | undefined
  // The first `\n` at or after `scanned` (-1: none; -2: not looked for), kept
  // so that offsets on one long line do not search to its end each time.
  let next = -2
  return (offset) => {
    if (offset < scanned) {
      scanned = 0
      line = 1
      lineStart = 0
      next = -2
    }
    newlinesOnly ??= text.indexOf('\r') === -1 && text.indexOf('\u2028') === -1 && text.indexOf('\u2029') === -1
    if (newlinesOnly) {
      if (next === -2) next = text.indexOf('\n', scanned)
      for (; next !== -1 && next < offset; next = text.indexOf('\n', next + 1)) {
        line++
        lineStart = next + 1
      }
    } else {
      for (let index = scanned; index < offset; index++) {
        if (endsLine(text, index)) {
          line++
          lineStart = index + 1
        }
      }
    }
    if (offset > scanned) scanned = offset
    return {line, column: offset - lineStart + 1}
  }
}

/** One glossary entry per concept: `concepts` are concept indexes, in order of first mention. */
export function glossaryFor(lexicon: CompiledLexicon, concepts: readonly number[], audience: Audience): GlossaryEntry[] {
  // An entry depends on the concept and audience alone: made once, frozen and shared, as explanations are.
  const entries = knownFor(lexicon).glossary[audience]
  const glossary: GlossaryEntry[] = []
  for (const index of concepts) {
    let entry = entries[index]
    if (!entry) {
      const concept = lexicon.concepts[index]
      if (!concept) continue
      const text = concept.explanations[audience]
      const sources = citations(concept)
      entry = {conceptId: concept.id, category: concept.category, label: concept.label, summary: text.summary, sources: Object.freeze(sources) as SourceRef[]}
      if (text.detail !== undefined) entry.detail = text.detail
      entries[index] = entry = Object.freeze(entry)
    }
    glossary.push(entry)
  }
  return glossary
}

/**
 * The sources cited by the explanations of a result, in lexicon order: an
 * explanation cites its concept's sources and its note's, so these are the
 * sources of the concepts mentioned and of the notes of the contexts seen
 * (`statuses`, by `contextIndex`).
 */
export function sourcesFor(lexicon: CompiledLexicon, concepts: readonly number[], statuses: readonly number[]): SourceInfo[] {
  const known = knownFor(lexicon)
  // By index in `data.sources`, so no source id is hashed per call.
  const cited = new Array<boolean>(lexicon.data.sources.length).fill(false)
  for (const index of concepts) for (const source of known.conceptSources[index] ?? []) cited[source] = true
  for (const status of statuses) {
    let sources = known.noteSources[status]
    if (!sources) {
      const context = CONTEXTS[status]
      const key = context && noteKey(context)
      sources = indexesOf(known.sourceIndex, (key && lexicon.data.notes.status[key]?.sources) || [])
      known.noteSources[status] = sources
    }
    for (const source of sources) cited[source] = true
  }
  const out: SourceInfo[] = []
  for (let index = 0; index < cited.length; index++) {
    const source = lexicon.data.sources[index]
    if (cited[index] !== true || !source) continue
    let info = known.sources[index]
    if (!info) {
      info = {id: source.id, title: source.title, publisher: source.publisher, year: source.year}
      if (source.author !== undefined) info.author = source.author
      known.sources[index] = info = Object.freeze(info)
    }
    out.push(info)
  }
  return out
}
