/**
 * The pipeline, in one function: input → tokens → sections → sentences →
 * mentions → context → annotations. Each stage is a pure function in its
 * own file. A large text runs through the stages one block at a time
 * (blocks.ts), with the same result.
 */
import {blockEnd, BLOCK_SIZE} from './blocks.js'
import {createAnnotator, type Annotator} from './annotate.js'
import {contextConcepts, decideContext, NOTHING, type ContextInput} from './context.js'
import {assertAudience, assertLexiconShape, assertMaxLength, assertOptions, assertText, DEFAULT_MAX_LENGTH} from './errors.js'
import {plainView, type ToView} from './input.js'
import {compileLexicon, isPastForm, type CompiledLexicon} from './lexicon/compile.js'
import {defaultLexicon} from './lexicon/default.js'
import type {LexiconData} from './lexicon/schema.js'
import {findPhrasesWithin} from './match.js'
import type {Audience, ExplainResult, SectionResult} from './result-schema.js'
import {contextSpan, impliedBy, readBlock} from './read.js'
import type {FoundSection} from './sections.js'
import {partition} from './sort.js'
import {tokenize, type TokenScratch, type Tokens} from './tokens.js'

export interface ExplainOptions {
  /** Who the explanations are written for. Default `'patient'`. */
  audience?: Audience | undefined
  /** `'text'` (default) or `'markdown'` (parsed with remark; offsets still index the input). */
  format?: 'text' | 'markdown' | undefined
  /** Largest accepted input, in UTF-16 code units. Default 16 MiB (16,777,216). */
  maxLength?: number | undefined
  /** A lexicon of your own, checked first with `validateLexicon` from `bme-explain/lexicon`. */
  lexicon?: LexiconData | undefined
}

/** Views by format; the entry points decide which formats they bundle. */
export type Views = Partial<Record<'text' | 'markdown', ToView>>

/**
 * The pipeline behind `explain()`, with the input views an entry point
 * supports. `blockSize` (see blocks.ts) is for tests: any size gives the
 * same result.
 */
export function explainWith(text: unknown, options: ExplainOptions | undefined, views: Views, blockSize = BLOCK_SIZE): ExplainResult {
  const settings = checkOptions(options)
  assertText(text, settings.maxLength)
  const toView = settings.format === 'text' ? (views.text ?? plainView) : views.markdown
  if (!toView) {
    throw new Error("bme-explain: `format: 'markdown'` needs the markdown parser: import `explain` from 'bme-explain', not 'bme-explain/core'")
  }
  const lexicon = compileLexicon(settings.lexicon)
  const {view, blockStarts} = toView(text)
  const reader = blockReader(text, view, lexicon, createAnnotator(text, lexicon, settings.audience), blockStarts, blockSize)
  // The text is read one block at a time (blocks.ts): nothing the stages
  // find crosses a block's edge but the open section, which the reader
  // carries, so the result is the same as reading it whole, with the
  // working memory of one block. (The loop is kept this small on purpose:
  // a long text makes V8 optimise the function running it while it runs,
  // and this way that is this loop, not the whole pipeline inlined.)
  for (let from = 0; from < view.length; ) from = reader.read(from)
  return reader.finish()
}

/** Reads a text block by block (`read` returns where the next block starts), carrying what runs on from one block to the next. */
interface BlockReader {
  read(from: number): number
  /** The result, once every block is read. */
  finish(): ExplainResult
}

function blockReader(text: string, view: string, lexicon: CompiledLexicon, annotator: Annotator, starts: readonly number[], blockSize: number): BlockReader {
  const takesContext = contextConcepts(lexicon)
  // Markdown block starts (hard sentence breaks), in text order, and the next one not yet placed.
  let nextStart = 0
  // The sections closed so far, in public form, and the open one, which
  // runs on into the next block (its end is not known yet): a long text
  // keeps one small record per section, not two.
  const sections: SectionResult[] = []
  let open: FoundSection | undefined
  // Where the open section ends if a word follows: see the end of `read`.
  let closeAt: number | undefined
  // One string per heading as written: a long text repeats a few headings
  // (a text of one block keeps its few as they are).
  const headings = view.length > blockSize ? new Map<string, string>() : undefined
  // The blocks' token columns, one buffer for all (see `TokenScratch`).
  const scratch: TokenScratch = {}

  return {
    read(from) {
      const to = blockEnd(view, from, blockSize)
      let section = open
      const tokens = tokenize(view, lexicon.vocabulary, from, to, scratch)
      if (open && closeAt !== undefined && tokens.length > 0) open.end = closeAt
      closeAt = undefined
      // Markdown block starts (hard sentence breaks) in this block.
      const breaks: number[] = []
      for (; nextStart < starts.length && (starts[nextStart] ?? 0) < to; nextStart++) {
        const start = starts[nextStart] ?? 0
        // The first token at or after the start.
        const token = partition(tokens.length, (index) => (tokens.start[index] ?? 0) < start)
        if (token < tokens.length) breaks.push(token)
      }
      const reading = readBlock(view, tokens, lexicon, section, breaks)
      const {found, mentions} = reading
      if (headings) {
        for (const item of found) {
          const written = headings.get(item.heading)
          if (written === undefined) headings.set(item.heading, item.heading)
          else item.heading = written
        }
      }
      // The sentence of each mention that takes context, in mention order: where
      // its cues are looked for and what `decideContext` reads (`contextSpan`).
      const ranges: [number, number][] = []
      for (const mention of mentions) if (takesContext[mention.concept] === 1) ranges.push(contextSpan(view, tokens, reading, mention.first, mention.last))
      const cueMatches = findPhrasesWithin(view, tokens, lexicon.cueTrie, ranges)
      // One record for every mention of the block: `decideContext` keeps none.
      const input: ContextInput = {
        text,
        tokens,
        cues: lexicon.cues,
        cueMatches,
        cueTrie: lexicon.cueTrie,
        first: 0,
        last: 0,
        sentenceFirst: 0,
        sentenceLast: 0,
        section: undefined,
        category: undefined,
        concept: undefined,
        pastForm: false,
        targets: {mentions, takesContext},
        reportScan: {sentence: -1, verb: -1}
      }

      let implied = impliedBy(section)
      let sectionIndex = -1
      let range = 0
      for (const mention of mentions) {
        while (sectionIndex + 1 < found.length && (found[sectionIndex + 1]?.headingFirst ?? Infinity) <= mention.first) {
          section = found[++sectionIndex]
          implied = impliedBy(section)
        }
        // An indication, history or comparison ends with its paragraph (sections.ts).
        if (section && section.end <= (tokens.start[mention.first] ?? 0)) {
          section = undefined
          implied = undefined
        }
        let output = NOTHING
        if (takesContext[mention.concept] === 1) {
          const sentence = ranges[range++] as [number, number]
          input.sentenceFirst = sentence[0]
          input.sentenceLast = sentence[1]
          input.first = mention.first
          input.last = mention.last
          input.section = implied
          input.category = lexicon.concepts[mention.concept]?.category
          input.concept = mention.concept
          input.pastForm = isPastForm(lexicon, mention.concept, tokens, mention.first, mention.last)
          output = decideContext(input)
        }
        annotator.add(mention.concept, tokens.start[mention.first] ?? 0, tokens.end[mention.last] ?? 0, section?.id ?? null, output.context, output.cues)
      }
      for (const item of found) {
        if (open) sections.push(publicSection(open))
        open = item
      }
      // A block ends at a blank line: a section that implies a context and
      // whose content has begun (in this block, or in an earlier one when
      // only its heading stood there) ends there too, as `findSections` would
      // end it in a text read whole, if a word follows (see above).
      const begun = open && (open.start >= from ? open.contentFirst < tokens.length : tokens.length > 0)
      if (open?.implies && begun && open.end === text.length) closeAt = to
      return to
    },
    finish() {
      if (open) sections.push(publicSection(open))
      return annotator.result(sections)
    }
  }
}

interface Settings {
  audience: Audience
  format: 'text' | 'markdown'
  maxLength: number
  lexicon: LexiconData
}

function checkOptions(options: ExplainOptions | undefined): Settings {
  if (options === undefined || options === null) {
    return {audience: 'patient', format: 'text', maxLength: DEFAULT_MAX_LENGTH, lexicon: defaultLexicon}
  }
  assertOptions(options, OPTION_KEYS)
  const {audience = 'patient', format = 'text', maxLength = DEFAULT_MAX_LENGTH, lexicon = defaultLexicon} = options
  assertAudience(audience)
  if (format !== 'text' && format !== 'markdown') throw new TypeError("bme-explain: `options.format` must be 'text' or 'markdown'")
  assertMaxLength(maxLength)
  assertLexiconShape(lexicon)
  return {audience, format, maxLength, lexicon}
}

/** The keys of `ExplainOptions`. */
const OPTION_KEYS: readonly (keyof ExplainOptions)[] = ['audience', 'format', 'maxLength', 'lexicon']


function publicSection(section: FoundSection): SectionResult {
  return {id: section.id, heading: section.heading, start: section.start, end: section.end}
}

