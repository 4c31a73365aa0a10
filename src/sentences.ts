/**
 * Stage 4: sentences.
 *
 * Radiology text breaks sentences in more ways than prose: full stops, but
 * also list items, blank lines, headings, and one statement per line with
 * no full stop at all. A token starts a new sentence when
 * - the token before it is `.`, `!` or `?` followed by a space (not a decimal
 *   point, not an abbreviation such as "e.g." or "approx.");
 * - a blank line, a section heading or a list item (`-`, `*`, `•`, `1.`,
 *   `a)`) comes before it;
 * - it opens a line with a capital letter in mixed-case text, and the line
 *   before does not end in a comma, hyphen or a word that needs more
 *   ("and", "of", "the"...). In ALL CAPS text a plain line break is not a
 *   break, since capitals say nothing there;
 * - it opens a line with a label ("osteonecrosis: yes") after a line that
 *   ends in a label's short answer ("fracture: no"), in any case.
 * A question and its one-word answer stay one sentence ("Marrow edema? No.").
 * A phrase that a line break splits keeps the sentence of its first word.
 */
import {lowerBound, sortSmall} from './sort.js'
import {endsLine, HAS_LOWER, isJoiner, isWord, PUNCT, startsLine, STARTS_DIGIT, STARTS_UPPER, tokenCode, tokenText, wordSet, type Tokens} from './tokens.js'

export interface Sentence {
  /** Offset of the first character. */
  start: number
  /** Offset after the last character. */
  end: number
  /** First and last token (inclusive). */
  first: number
  last: number
}

export interface SentenceIndex {
  sentences: Sentence[]
  /** The number of the sentence token `index` is in (a binary search, so no array per token). */
  sentenceOf: (index: number) => number
}

/** Words a full stop may follow without ending the sentence ("e.g.", "approx."). */
export const isAbbreviated = wordSet('e g i eg ie vs v approx dr etc cf incl fig mr mrs ms st no nos ca max min ref sag cor ax')

/** Abbreviations that are a number sign only before a number ("No. 5"). */
const isNumberSign = wordSet('no nos')

/**
 * Heading words said in dictation without a colon, which open a new
 * statement: at a line start ("no fracture⏎impression marrow edema", see
 * `isBreak`) or before "there is" (see `closesStatement` in context.ts).
 */
export const isHeadingWord = wordSet('findings impression impressions conclusion conclusions opinion summary comment')

/** Words after which a line usually goes on: a line break there is a wrap. */
const continuesLine = wordSet(
  'a an and or nor of the in on at to with within without by for from no not is are was were be been as into involving ' +
  'along than there this that these those its their which but about across over under between'
)

interface Gap {
  breaks: number
  /** A list bullet (hyphen or dash) stands after the last line break. */
  bullet: boolean
}

/** The line breaks in `text[from, to)` (`\r\n` is one), and whether a list bullet follows the last. */
export function gap(text: string, from: number, to: number): Gap {
  let breaks = 0
  let bullet = false
  for (let offset = from; offset < to; offset++) {
    if (endsLine(text, offset)) {
      breaks++
      bullet = false
    } else if (breaks > 0 && isJoiner(text.charCodeAt(offset))) {
      bullet = true
    }
  }
  return {breaks, bullet}
}

/** Whether token `index` starts with a capital (from the tokenizer's flags: no string made). */
function startsUpper(tokens: Tokens, index: number): boolean {
  return ((tokens.flags[index] ?? 0) & STARTS_UPPER) !== 0
}

function hasLower(tokens: Tokens, index: number): boolean {
  return ((tokens.flags[index] ?? 0) & HAS_LOWER) !== 0
}

/** Whether token `index` opens a numbered or lettered list item ("1." "2)" "a)", the mark on the same line). */
function listNumber(tokens: Tokens, index: number): boolean {
  if (!isWord(tokens, index) || (tokens.end[index] ?? 0) - (tokens.start[index] ?? 0) > 3) return false
  const next = tokenCode(tokens, index + 1)
  return (next === 0x2e || next === 0x29) && !startsLine(tokens, index + 1) && /^(?:\d+|[a-z])$/i.test(tokenText(tokens, index))
}

/**
 * Split into sentences. `hardBreaks` holds token indexes that always start a
 * sentence (section headings and their content, markdown blocks), in any
 * order, an index possibly more than once.
 */
export function splitSentences(text: string, tokens: Tokens, hardBreaks: Iterable<number> = []): SentenceIndex {
  const sentences: Sentence[] = []
  const sentenceOf = (index: number): number => sentenceAt(sentences, index)
  if (tokens.length === 0) return {sentences, sentenceOf}
  // Hard breaks in order, met with a cursor.
  const hard: number[] = []
  let sorted = true
  for (const index of hardBreaks) {
    if (index <= 0 || index >= tokens.length) continue
    if (index < (hard.at(-1) ?? 0)) sorted = false
    hard.push(index)
  }
  // `explain` adds them in order, section by section: sort only if not.
  if (!sorted) sortSmall(hard, (a, b) => a - b)
  let nextHard = 0
  let first = 0
  const split = (index: number): void => {
    // A hard break given twice (a heading right after an empty section) splits once.
    if (index === first) return
    sentences.push({start: tokens.start[first] ?? 0, end: tokens.end[index - 1] ?? 0, first, last: index - 1})
    first = index
  }
  // Only a hard break or a token with a line break or a full stop before it
  // (`tokens.breaks`) may start a sentence: the rules of `isBreak` say no
  // anywhere else.
  for (const index of tokens.breaks) {
    for (; nextHard < hard.length && (hard[nextHard] as number) < index; nextHard++) split(hard[nextHard] as number)
    if (hard[nextHard] === index) {
      nextHard++
      split(index)
    } else if (index > 0 && isBreak(text, tokens, index, first)) {
      split(index)
    }
  }
  for (; nextHard < hard.length; nextHard++) split(hard[nextHard] as number)
  sentences.push({start: tokens.start[first] ?? 0, end: tokens.end[tokens.length - 1] ?? 0, first, last: tokens.length - 1})
  return {sentences, sentenceOf}
}

/** The number of the sentence that holds token `index` (sentences in order, from token 0). */
function sentenceAt(sentences: readonly Sentence[], index: number): number {
  return Math.max(lowerBound(sentences, index + 1) - 1, 0)
}

/** Whether a sentence starts at token `index` (not a hard break; the current sentence starts at `sentenceFirst`). */
function isBreak(text: string, tokens: Tokens, index: number, sentenceFirst: number): boolean {
  // Punctuation by its first UTF-16 unit, -1 for a word (every mark tested
  // below is one unit, so no string is made).
  const previous = tokens.kind[index - 1] === PUNCT ? text.charCodeAt(tokens.start[index - 1] ?? 0) : -1
  const raw = tokens.kind[index] === PUNCT ? text.charCodeAt(tokens.start[index] ?? 0) : -1
  const between = gap(text, tokens.end[index - 1] ?? 0, tokens.start[index] ?? 0)

  // `.` `!` `?` `…`
  if (previous === 0x2e || previous === 0x21 || previous === 0x3f || previous === 0x2026) {
    // A question mark with a space before it opens the question after it,
    // on the same line or the next ("pain without trauma, ? transient
    // osteoporosis"): no sentence ends there.
    if (previous === 0x3f && between.breaks < 2 && index >= 2 && (tokens.start[index - 1] ?? 0) > (tokens.end[index - 2] ?? 0)) return false
    if (between.breaks > 0) return true
    const spaced = (tokens.end[index - 1] ?? 0) < (tokens.start[index] ?? 0)
    if (!spaced) return false
    if (previous === 0x2e && index >= 2 && isWord(tokens, index - 2) && isAbbreviated(tokens, index - 2)) {
      // "No. 5" is a number sign; "Fracture: No. Bone bruise ..." ends a sentence.
      if (!isNumberSign(tokens, index - 2) || ((tokens.flags[index] ?? 0) & STARTS_DIGIT) !== 0) return false
    }
    // A question and its one-word answer are one statement: "Marrow edema? No."
    if (previous === 0x3f && isWord(tokens, index) && isAnswer(tokens, index) && (endsStatement(tokens, index + 1) || tokenCode(tokens, index + 1) === 0x2c)) return false
    // A small letter goes on the sentence ("the ant. horn"), unless a word
    // of five letters or more ends it: dictation in small letters, "no
    // fracture. there is marrow oedema".
    return !(isWord(tokens, index) && !startsUpper(tokens, index) && ((tokens.flags[index] ?? 0) & STARTS_DIGIT) === 0 && (tokens.end[index - 2] ?? 0) - (tokens.start[index - 2] ?? 0) < 5)
  }

  if (between.breaks === 0) return false
  if (between.breaks > 1 || opensItem(tokens, index, between, raw)) return true
  // A template, one label and its answer a line, in any case:
  // "fracture: no⏎osteonecrosis: yes".
  if (answeredLabel(tokens, index) && opensLabel(tokens, index)) return true
  // A heading word opening a line of dictation without colons or full
  // stops: "the left hip is normal no fracture⏎impression marrow edema ..."
  // (not a line wrapped after "the": "in keeping with the⏎findings on ...").
  if (isHeadingWord(tokens, index) && isWord(tokens, index - 1) && !continuesLine(tokens, index - 1)) return true
  if (!isWord(tokens, index) || !startsUpper(tokens, index)) return false
  // A capital after a line break: a new statement unless the line before
  // needs more, or the text is in capitals and the line before is as long
  // as wrapped lines are.
  // `,` `/` `(` `&`
  if (previous === 0x2c || previous === 0x2f || previous === 0x28 || previous === 0x26) return false
  // A line that is a label and its answer ("Avascular necrosis: no") is whole.
  if (isWord(tokens, index - 1) && continuesLine(tokens, index - 1) && tokenCode(tokens, index - 2) !== 0x3a) return false
  // Look back only within the current sentence, so text before it changes nothing.
  for (let back = index - 1; back >= sentenceFirst && back >= index - 4; back--) {
    if (isWord(tokens, back) && hasLower(tokens, back)) return true
  }
  // In capitals, a short line ends a statement: a report dictated one
  // finding a line ("NO ABSCESS" / "BONE MARROW EDEMA IN ..."); wrapped
  // text fills its lines.
  return shortLine(text, tokens.end[index - 1] ?? 0)
}

/**
 * Whether a list item opens at token `index`, on a new line: a bullet
 * (hyphen or dash, `*` `•` `+` `‣` `▪` `◦`) or a number or letter ("1.",
 * "a)") before it. `between` is the gap before the token, `raw` its first
 * unit if it is punctuation (else -1).
 */
function opensItem(tokens: Tokens, index: number, between: Gap, raw: number): boolean {
  return (
    between.bullet ||
    raw === 0x2a ||
    raw === 0x2022 ||
    raw === 0x2b ||
    raw === 0x2023 ||
    raw === 0x25aa ||
    raw === 0x25e6 ||
    listNumber(tokens, index)
  )
}

/**
 * The first token of the line that introduces the list whose item is
 * sentence number `sentence`, when the list follows a line ending in a
 * colon ("There is no evidence of:⏎- fracture⏎- bone contusion"), looking
 * back over at most eight items with no blank line between; else -1. What
 * the lead-in says (a negation) then reaches its items (see `decideContext`).
 * A section heading (`headings`, the block's sections) leads into nothing.
 */
export function leadInFirst(text: string, tokens: Tokens, sentences: readonly Sentence[], sentence: number, headings: readonly {headingFirst: number}[]): number {
  for (let at = sentence; at > 0 && at > sentence - 8; at--) {
    const first = (sentences[at] as Sentence).first
    const raw = tokens.kind[first] === PUNCT ? text.charCodeAt(tokens.start[first] ?? 0) : -1
    const before = gap(text, tokens.end[first - 1] ?? 0, tokens.start[first] ?? 0)
    // (One line break: a blank line ends the list, as it ends a sentence.)
    if (before.breaks !== 1 || !opensItem(tokens, first, before, raw)) return -1
    const end = tokenCode(tokens, first - 1)
    // (Not a section's heading: "FINDINGS:⏎- No fracture⏎- Bone bruise".)
    const lead = (sentences[at - 1] as Sentence).first
    if (end === 0x3a) return headings.some((section) => section.headingFirst === lead) ? -1 : lead
    // (Items that end with a full stop are sentences of their own: "Impression:⏎- No fracture.⏎- Bone bruise.")
    if (end === 0x2e) return -1
  }
  return -1
}

/** One-word answers to a question in a template ("Marrow edema? No.", "Fracture? Yes."). */
export const isAnswer = wordSet('yes no none negative neg nil present absent positive')

/** Whether a statement ends before token `index`: the text ends, a line breaks or a full stop stands there. */
function endsStatement(tokens: Tokens, index: number): boolean {
  if (index >= tokens.length || startsLine(tokens, index)) return true
  const code = tokenCode(tokens, index)
  return code === 0x2e || code === 0x21
}

/**
 * Whether the line before token `index` ends in a label's answer of one or
 * two words ("fracture: no"), on the label's own line: a colon that ends
 * the line before that ("S:⏎⏎edema⏎talus:") labels nothing there.
 */
function answeredLabel(tokens: Tokens, index: number): boolean {
  if (!isWord(tokens, index - 1) || startsLine(tokens, index - 1)) return false
  if (tokenCode(tokens, index - 2) === 0x3a) return true
  return isWord(tokens, index - 2) && !startsLine(tokens, index - 2) && tokenCode(tokens, index - 3) === 0x3a
}


/** Whether the line that starts at token `index` opens with a label: a colon within its first five tokens. */
function opensLabel(tokens: Tokens, index: number): boolean {
  for (let next = index + 1; next < tokens.length && next <= index + 5; next++) {
    if (startsLine(tokens, next)) return false
    if (tokenCode(tokens, next) === 0x3a) return true
  }
  return false
}

/** Lines shorter than this are not wrapped ones (see `isBreak`): dictation wraps at 60 to 80 characters. */
const SHORT_LINE = 40

/** Whether the line that ends at offset `end` is shorter than `SHORT_LINE` (reads at most that far back). */
function shortLine(text: string, end: number): boolean {
  for (let offset = end - 1; offset >= 0 && offset >= end - SHORT_LINE; offset--) {
    const code = text.charCodeAt(offset)
    if (code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029) return true
  }
  return end < SHORT_LINE
}
