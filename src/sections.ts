/**
 * Stage 2: sections.
 *
 * A heading is one of the lexicon's section headings at the start of a line
 * (after markdown marks such as `#`, `*`, `_`), in any case, followed by a
 * colon, by the end of its line, or, when written in capitals, by running
 * text ("FINDINGS The knee ..."). Organ labels ("BONE MARROW:") need the
 * colon. A heading with a colon may follow another heading and its colon on
 * the same line ("PAST MEDICAL HISTORY: PHYSICAL EXAM: ..."): the first
 * section is then empty. A heading with a colon may also start a sentence
 * within a line ("Knee pain. FINDINGS: ..."), as in a report pasted as one
 * line. A section runs to the next heading, except one that implies a
 * context (indication, history, comparison): such a section is a line or a
 * paragraph, and ends at the first blank line after its content starts
 * ("CLINICAL HISTORY: Knee pain.⏎⏎There is marrow edema ..." is a report
 * without a findings heading, and the edema is not part of the question);
 * a comparison also at a full stop that ends its line, or, when it names no
 * earlier study ("Comparison: None."), at its first full stop.
 */
import {phrasesAt, startTest, type PhraseMatch} from './match.js'
import type {CompiledLexicon} from './lexicon/compile.js'
import {gap, isAbbreviated} from './sentences.js'
import {partition, sortSmall} from './sort.js'
import type {SectionId} from './lexicon/schema.js'
import {BREAK_BEFORE, HAS_LOWER, HAS_UPPER, isWord, STARTS_UPPER, wordSet, type Tokens} from './tokens.js'

export interface FoundSection {
  id: SectionId
  /** The heading as written, without markdown marks or colon. */
  heading: string
  /** Offset of the heading's first character. */
  start: number
  /**
   * Offset where the next section starts, or the text's length; for a
   * section that implies a context, where its first paragraph ends if
   * that is sooner (the text after it is in no section).
   */
  end: number
  /** First token of the heading and first token after it (colon included). */
  headingFirst: number
  contentFirst: number
  /** The context the section implies, if any. */
  implies: 'hypothetical' | 'historical' | undefined
}

/** Markdown and list marks around a heading: `#`, `*`, `_`, `>`, `|`, `=`, `•`. */
function isMark(tokens: Tokens, index: number): boolean {
  if (isWord(tokens, index)) return false
  const code = tokens.text.charCodeAt(tokens.start[index] ?? 0)
  return code === 0x23 || code === 0x2a || code === 0x5f || code === 0x3e || code === 0x7c || code === 0x3d || code === 0x2022
}

/** Whether token `index` starts a line (the tokenizer's `BREAK_BEFORE` flag). */
function lineBreakBefore(tokens: Tokens, index: number): boolean {
  return index === 0 || ((tokens.flags[index] ?? 0) & BREAK_BEFORE) !== 0
}

function isUpperWord(tokens: Tokens, index: number): boolean {
  return isWord(tokens, index) && ((tokens.flags[index] ?? 0) & (HAS_UPPER | HAS_LOWER)) === HAS_UPPER
}

/**
 * Find the sections of `text`, in order. `open` is the section still open
 * where the tokens start (when `explain` reads a text block by block): its
 * `end` is set where the first heading among the tokens starts.
 */
export function findSections(text: string, tokens: Tokens, lexicon: CompiledLexicon, open?: FoundSection): FoundSection[] {
  const found: FoundSection[] = []
  // (`explain` has ended, at the blank line between, an open section that
  // implies a context and whose content began before these tokens.)
  const unbegun = open?.implies !== undefined && open.end === text.length
  // Tokens before `next` are in a heading found already.
  let next = 0
  const mayStart = startTest(tokens, lexicon.headingTrie)
  // Line starts and sentence starts: the first token, then `tokens.breaks`
  // (the tokens with a line break before them or a full stop).
  for (let position = -1; position < tokens.breaks.length; position++) {
    let index = position < 0 ? 0 : (tokens.breaks[position] as number)
    if (index < next || index >= tokens.length || (position >= 0 && index === 0)) continue
    // Most lines start with a word that starts no heading: no call for them.
    if (isWord(tokens, index) && !mayStart(index)) continue
    // A heading, then any heading with a colon that follows it on its line
    // ("PAST HISTORY: PHYSICAL EXAM: ..."). After a full stop on the same
    // line, a heading needs its colon too: a report pasted as one line
    // reads "HISTORY: Knee pain. FINDINGS: Bone marrow edema.", and the
    // findings are not part of the history.
    for (let inLine = !lineBreakBefore(tokens, index); ; inLine = true) {
      const heading = headingAt(text, tokens, lexicon, mayStart, index, inLine, found.at(-1) ?? open)
      if (!heading) break
      found.push(heading.section)
      next = heading.section.contentFirst
      if (!heading.chains) break
      index = next
    }
  }
  // A section still open from the text before whose content had not begun
  // (its heading ended the block before) begins it here.
  if (unbegun) endAtParagraph(text, tokens, open, 0, found[0]?.headingFirst ?? tokens.length)
  found.forEach((section, position) => {
    if (section.implies) endAtParagraph(text, tokens, section, section.contentFirst, found[position + 1]?.headingFirst ?? tokens.length)
  })
  return found
}

/**
 * Ends a section that implies a context at the first blank line after its
 * content starts (token `contentFirst`), up to the one before token
 * `before` (the next heading), if there is one. A blank line is a gap
 * between tokens with two line breaks or more (see blocks.ts: a block
 * always ends at one, and `explain` ends such a section that is still open
 * at its block's end). A comparison, which names an earlier study on its
 * line, also ends at a full stop at a line's end ("COMPARISON: MRI 2024.⏎
 * There is marrow edema ..."), and one that names none ("Comparison: None.
 * Bone marrow edema ...") at its first full stop.
 */
function endAtParagraph(text: string, tokens: Tokens, section: FoundSection, contentFirst: number, before: number): void {
  const comparison = section.id === 'comparison'
  // "Comparison: None." names no earlier study: what follows on its line is the report's.
  const none = comparison && isNone(tokens, contentFirst)
  const index = paragraphEnd(text, tokens, contentFirst, before, comparison ? (none ? 'sentence' : 'line') : 'paragraph')
  if (index <= before && index < tokens.length) section.end = tokens.end[index - 1] ?? section.end
}

/** Answers that say there was no earlier study ("Comparison: None", "N/A", "No prior"). */
const isNone = wordSet('none nil no n na')

/**
 * The first token after the paragraph that holds token `contentFirst` (after
 * a blank line; for a `'line'`, also after a full stop at a line's end; for
 * a `'sentence'`, after a full stop before a line break or a capital),
 * looking no further than token `before`; a token after `before`, or the
 * token count, if none is found there.
 */
function paragraphEnd(text: string, tokens: Tokens, contentFirst: number, before: number, unit: 'paragraph' | 'line' | 'sentence'): number {
  const {breaks} = tokens
  for (let position = partition(breaks.length, (middle) => (breaks[middle] as number) <= contentFirst); position < breaks.length; position++) {
    const index = breaks[position] as number
    if (index > before) return index
    // (Not after an abbreviation: "Comparison: MRI from Dr. Smith's office".)
    const ends = unit === 'sentence' ? BREAK_BEFORE | STARTS_UPPER : BREAK_BEFORE
    const stated = unit !== 'paragraph' && !isWord(tokens, index - 1) && tokens.text.charCodeAt(tokens.start[index - 1] ?? 0) === 0x2e &&
      ((tokens.flags[index] ?? 0) & ends) !== 0 && !(isWord(tokens, index - 2) && isAbbreviated(tokens, index - 2))
    if (stated || gap(text, tokens.end[index - 1] ?? 0, tokens.start[index] ?? 0).breaks >= 2) return index
  }
  return tokens.length
}

/**
 * The tokens, as ranges `[first, last]` in text order, where a marrow label
 * ("Bone marrow:", "Marrow signal:") says what a bare word is about: the
 * first paragraph of the label's section. "Bone marrow: No edema." speaks
 * of marrow edema (see `findMentions`); "Bones:" and "Osseous structures:"
 * are not marrow labels.
 */
export function labelRanges(text: string, tokens: Tokens, sections: readonly FoundSection[]): [number, number][] {
  const ranges: [number, number][] = []
  sections.forEach((section, position) => {
    if (section.id !== 'bone-marrow' || !/marrow/i.test(section.heading)) return
    const before = sections[position + 1]?.headingFirst ?? tokens.length
    const end = Math.min(before, paragraphEnd(text, tokens, section.contentFirst, before, 'paragraph'))
    if (end > section.contentFirst) ranges.push([section.contentFirst, end - 1])
  })
  return ranges
}

/**
 * The heading that starts at token `index` (after any marks), if any, and
 * whether a heading may follow on its line (`inLine`: this one does, so it
 * needs its colon). `mayStart` is the heading trie's `startTest`. Sets the
 * end of `previous`, the section before it.
 */
function headingAt(
  text: string,
  tokens: Tokens,
  lexicon: CompiledLexicon,
  mayStart: (index: number) => boolean,
  index: number,
  inLine: boolean,
  previous: FoundSection | undefined
): {section: FoundSection; chains: boolean} | undefined {
  let first = index
  // Marks on this line only: a mark alone on a line opens no heading below it.
  while (first < tokens.length && isMark(tokens, first) && (first === index || !lineBreakBefore(tokens, first))) first++
  if (first >= tokens.length || !isWord(tokens, first)) return undefined
  if (first > index && lineBreakBefore(tokens, first)) return undefined
  if (!mayStart(first)) return undefined
  const candidates: PhraseMatch[] = []
  phrasesAt(text, tokens, lexicon.headingTrie, first, tokens.length, candidates)
  // Longest heading first.
  sortSmall(candidates, (a, b) => b.last - a.last)
  for (const match of candidates) {
    const rule = lexicon.headingSection[match.payload]
    if (!rule) continue
    let after = match.last + 1
    while (after < tokens.length && isMark(tokens, after) && !lineBreakBefore(tokens, after)) after++
    const colon = after < tokens.length && !isWord(tokens, after) && tokens.text.charCodeAt(tokens.start[after] ?? 0) === 0x3a && !lineBreakBefore(tokens, after)
    let ok: boolean
    if (inLine && !colon) {
      ok = false
    } else if (colon) {
      ok = true
      after++
      while (after < tokens.length && isMark(tokens, after) && !lineBreakBefore(tokens, after)) after++
    } else if (rule.needsColon) {
      ok = false
    } else if (after >= tokens.length || lineBreakBefore(tokens, after)) {
      ok = true
    } else {
      // Running text after a heading in capitals: "FINDINGS The knee ...".
      let caps = true
      for (let word = first; word <= match.last; word++) if (isWord(tokens, word) && !isUpperWord(tokens, word)) caps = false
      ok = caps && isWord(tokens, after) && !isUpperWord(tokens, after)
    }
    if (!ok) continue
    const section = lexicon.sections[rule.section]
    if (!section) continue
    const start = tokens.start[first] ?? 0
    // (A section that ended at its paragraph keeps that end.)
    if (previous && previous.end === text.length) previous.end = tokens.start[index] ?? start
    return {
      section: {
        id: section.id,
        heading: text.slice(start, tokens.end[match.last] ?? start),
        start,
        end: text.length,
        headingFirst: first,
        contentFirst: after,
        implies: section.implies
      },
      // Only a heading on the same line chains; a line start is a line start.
      chains: colon && after < tokens.length && !lineBreakBefore(tokens, after)
    }
  }
  return undefined
}
