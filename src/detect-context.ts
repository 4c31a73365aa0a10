/**
 * `detectContext(text, target)`: the context engine on its own, for any span
 * of any text, with the same sections, sentences and cues `explain()` uses.
 */
import {decideContext} from './context.js'
import {assertText, DEFAULT_MAX_LENGTH} from './errors.js'
import {compileLexicon} from './lexicon/compile.js'
import {defaultLexicon} from './lexicon/default.js'
import type {LexiconData} from './lexicon/schema.js'
import {findPhrases} from './match.js'
import type {ContextResult} from './result-schema.js'
import {findSections} from './sections.js'
import {splitSentences} from './sentences.js'
import {tokenize} from './tokens.js'

export interface DetectContextOptions {
  /** Largest accepted input, in UTF-16 code units. Default 16 MiB. */
  maxLength?: number | undefined
  /** A lexicon of your own (its cues and sections are used). */
  lexicon?: LexiconData | undefined
}

/** A span of the text: UTF-16 offsets, `end` exclusive. */
export interface Span {
  start: number
  end: number
}

/**
 * Decide whether the span `target` of `text` is negated, uncertain,
 * historical or hypothetical, and which cues say so.
 */
export function detectContext(text: string, target: Span, options?: DetectContextOptions): ContextResult {
  assertText(text, 'text', options?.maxLength ?? DEFAULT_MAX_LENGTH)
  if (
    typeof target !== 'object' ||
    target === null ||
    !Number.isInteger(target.start) ||
    !Number.isInteger(target.end) ||
    target.start < 0 ||
    target.end < target.start ||
    target.end > text.length
  ) {
    throw new RangeError('bme-explain: `target` must be {start, end} with 0 <= start <= end <= text.length')
  }
  const lexicon = compileLexicon(options?.lexicon ?? defaultLexicon)
  const tokens = tokenize(text)
  let first = -1
  let last = -1
  for (let index = 0; index < tokens.length; index++) {
    if ((tokens.end[index] ?? 0) <= target.start) continue
    if ((tokens.start[index] ?? 0) >= target.end) break
    if (first === -1) first = index
    last = index
  }
  const empty: ContextResult = {
    context: {negated: false, uncertain: false, historical: false, hypothetical: false, change: null},
    cues: []
  }
  if (first === -1) return empty

  const sections = findSections(text, tokens, lexicon)
  const breaks = new Set<number>()
  let section
  for (const candidate of sections) {
    breaks.add(candidate.headingFirst)
    breaks.add(candidate.contentFirst)
    if (candidate.headingFirst <= first) section = candidate
  }
  const {sentences, sentenceOf} = splitSentences(text, tokens, breaks)
  const sentence = sentences[sentenceOf[first] ?? 0]
  if (!sentence) return empty
  return decideContext({
    text,
    tokens,
    cues: lexicon.cues,
    cueMatches: findPhrases(text, tokens, lexicon.cueTrie, sentence.first, Math.max(sentence.last, last) + 1),
    first,
    last,
    sentenceFirst: sentence.first,
    sentenceLast: Math.max(sentence.last, last),
    section: section?.implies
      ? {implies: section.implies, text: section.heading, start: section.start, end: section.start + section.heading.length}
      : undefined
  })
}
