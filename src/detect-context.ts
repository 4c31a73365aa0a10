/**
 * `detectContext(text, target)`: the context engine on its own, for any span
 * of any text, with the same sections, sentences and cues `explain()` uses.
 */
import {contextOfSpan, type Span} from './context.js'
import {assertLexiconShape, assertMaxLength, assertOptions, assertText, DEFAULT_MAX_LENGTH} from './errors.js'
import {compileLexicon} from './lexicon/compile.js'
import {defaultLexicon} from './lexicon/default.js'
import type {LexiconData} from './lexicon/schema.js'
import type {ContextResult} from './result-schema.js'

export type {Span}

export interface DetectContextOptions {
  /** Largest accepted input, in UTF-16 code units. Default 16 MiB. */
  maxLength?: number | undefined
  /** A lexicon of your own (its cues and sections are used). */
  lexicon?: LexiconData | undefined
}

/**
 * Decide whether the span `target` of `text` is negated, uncertain,
 * historical or hypothetical, and which cues say so.
 */
export function detectContext(text: string, target: Span, options?: DetectContextOptions): ContextResult {
  assertOptions(options, ['maxLength', 'lexicon'])
  assertMaxLength(options?.maxLength)
  if (options?.lexicon !== undefined) assertLexiconShape(options.lexicon)
  assertText(text, options?.maxLength ?? DEFAULT_MAX_LENGTH)
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
  return contextOfSpan(text, target, compileLexicon(options?.lexicon ?? defaultLexicon))
}
