/**
 * Stage 6: context, in the manner of ConText (Harkema et al., 2009).
 *
 * Each cue from the lexicon sets one flag (negated, uncertain, historical,
 * hypothetical) and may report a change. A cue governs the words after it
 * (forward), before it (backward) or both, within its sentence, up to its
 * `maxScope` in words, and never past a terminator ("but", "however", ";").
 * Pseudo-cues ("no interval change" is not a negation) win over the shorter
 * cue inside them because the longer phrase is matched first. A section can
 * imply a flag for every mention in it (the indication is the question, not
 * the answer) unless a cue in the text already says the mention is history.
 *
 * Work per mention is bounded: only cues within `MAX_REACH` tokens of it are
 * looked at, so no input makes this stage quadratic.
 */
import {lowerBound, type PhraseMatch} from './match.js'
import type {Cue} from './lexicon/schema.js'
import type {Context, CueRef} from './result-schema.js'
import {WORD, type Tokens} from './tokens.js'

/** Scope of a cue whose lexicon entry sets none, in words. */
export const DEFAULT_SCOPE = 12
/** No cue reaches further than this many tokens (the schema caps scopes at 50 words). */
const MAX_REACH = 160

export interface ContextInput {
  text: string
  tokens: Tokens
  cues: readonly Cue[]
  /** Cue matches in text order (payload = index into `cues`). */
  cueMatches: readonly PhraseMatch[]
  /** The mention: first and last token. */
  first: number
  last: number
  /** The mention's sentence: first and last token. */
  sentenceFirst: number
  sentenceLast: number
  /** What the mention's section implies, with its heading span. */
  section?: {implies: 'hypothetical' | 'historical'; text: string; start: number; end: number} | undefined
}

export interface ContextOutput {
  context: Context
  cues: CueRef[]
}

function wordsBetween(tokens: Tokens, from: number, to: number, limit: number): number {
  let count = 0
  for (let index = from; index <= to && count <= limit; index++) if (tokens.kind[index] === WORD) count++
  return count
}

/** Decide the context of one mention. */
export function decideContext(input: ContextInput): ContextOutput {
  const {tokens, cues, cueMatches, first, last} = input
  const context: Context = {negated: false, uncertain: false, historical: false, hypothetical: false, change: null}
  const refs: CueRef[] = []
  const low = Math.max(input.sentenceFirst, first - MAX_REACH)
  const high = Math.min(input.sentenceLast, last + MAX_REACH)

  const window: PhraseMatch[] = []
  for (let index = lowerBound(cueMatches, low); index < cueMatches.length; index++) {
    const match = cueMatches[index]
    if (!match || match.first > high) break
    if (match.last <= high) window.push(match)
  }

  let changeDistance = Number.POSITIVE_INFINITY
  for (const match of window) {
    const cue = cues[match.payload]
    if (!cue || cue.category === 'pseudo' || cue.category === 'terminator') continue
    if (match.last >= first && match.first <= last) continue
    const direction = cue.direction ?? 'forward'
    const scope = cue.maxScope ?? DEFAULT_SCOPE
    let distance: number
    if (match.last < first) {
      if (direction === 'backward') continue
      distance = wordsBetween(tokens, match.last + 1, first - 1, scope)
      if (distance > scope || terminated(window, cues, match.last, first, 'forward')) continue
    } else {
      if (direction === 'forward') continue
      distance = wordsBetween(tokens, last + 1, match.first - 1, scope)
      if (distance > scope || terminated(window, cues, last, match.first, 'backward')) continue
    }
    if (cue.category !== 'change') context[cue.category] = true
    if (cue.alsoHistorical) context.historical = true
    if (cue.change && distance < changeDistance) {
      context.change = cue.change
      changeDistance = distance
    }
    refs.push({
      category: cue.category,
      change: cue.change ?? null,
      via: 'cue',
      text: input.text.slice(tokens.start[match.first] ?? 0, tokens.end[match.last] ?? 0),
      start: tokens.start[match.first] ?? 0,
      end: tokens.end[match.last] ?? 0
    })
  }

  const section = input.section
  if (section && !context[section.implies] && !(section.implies === 'hypothetical' && context.historical)) {
    context[section.implies] = true
    refs.push({category: section.implies, change: null, via: 'section', text: section.text, start: section.start, end: section.end})
  }

  refs.sort((a, b) => a.start - b.start || a.end - b.end)
  return {context, cues: refs}
}

/**
 * Whether a terminator stands strictly between tokens `from` and `to`. A
 * terminator with a direction cuts only scopes running that way ("which"
 * ends "no ..." but not "... which has resolved").
 */
function terminated(
  window: readonly PhraseMatch[],
  cues: readonly Cue[],
  from: number,
  to: number,
  direction: 'forward' | 'backward'
): boolean {
  for (const match of window) {
    if (match.first <= from || match.last >= to) continue
    const cue = cues[match.payload]
    if (cue?.category !== 'terminator') continue
    if (cue.direction === undefined || cue.direction === 'both' || cue.direction === direction) return true
  }
  return false
}
