/**
 * Stage 5 (continued): mentions. Concept forms are matched everywhere but in
 * section headings, with the concepts' other senses, which name no concept
 * ("patellar tendon" wins over "patellar" and is left out); side and
 * compartment words right before a body part join its mention ("left
 * femoral head"); then tied forms (bare "edema") are kept only where the
 * sentence ties them to a bone, or a marrow label does ("Bone marrow: No
 * edema."; see `tied`, `otherSenses` and `qualifiers` in the lexicon
 * schema).
 */
import {findPhrases, findPhrasesWithin, joinable, phrasesAt, type PhraseMatch} from './match.js'
import {NO_CONCEPT, type CompiledLexicon} from './lexicon/compile.js'
import {lowerBound, partition, sortSmall} from './sort.js'
import {HAS_LOWER, HAS_UPPER, isJoiner, isWord, STARTS_DIGIT, tokenCode, tokenLower, tokenText, wordHash, wordLower, wordSet, type Tokens} from './tokens.js'

export interface Mention {
  first: number
  last: number
  /** Index of the concept in the lexicon. */
  concept: number
}

/** Find concept mentions among the tokens, in text order, not overlapping. */
export function findMentions(
  text: string,
  tokens: Tokens,
  lexicon: CompiledLexicon,
  isHeading: (index: number) => boolean,
  sentenceOf: (index: number) => number,
  labelled: readonly (readonly [number, number])[] = []
): Mention[] {
  const found = findPhrases(text, tokens, lexicon.conceptTrie, 0, tokens.length, isHeading)
  const plain = naming(tokens, found)
  const mentions = qualify(text, tokens, lexicon, isHeading, plain)
  if (lexicon.tied.length === 0) return mentions

  // A token inside a plain match, or inside another sense ("patellar
  // tendon"), is taken: the match that starts last at or before it (by
  // binary search: `found` is in order, without overlaps) covers it.
  const taken = (index: number): boolean => (found[lowerBound(found, index + 1) - 1]?.last ?? -1) >= index
  // A bone no concept names ("glenoid edema") may tie one anywhere.
  const bones = boneWordsOf(lexicon)
  const near = bones ? [[0, tokens.length - 1] as [number, number]] : nearRanges(lexicon, plain, tokens.length)
  const ranges = labelled.length === 0 ? near : sortSmall([...near, ...labelled], (a, b) => a[0] - b[0])
  const tied = findPhrasesWithin(text, tokens, lexicon.tiedTrie, ranges, (index) => taken(index) || isHeading(index))
  if (tied.length === 0) return mentions

  const kept: Mention[] = []
  for (const match of tied) {
    const rule = lexicon.tied[match.payload]
    if (!rule || blocked(text, tokens, lexicon, match)) continue
    // A marrow label ties it too: "Bone marrow: No edema." (`labelRanges` in
    // sections.ts), unless soft tissue is named after it ("Bone marrow:
    // Normal. Edema in the prepatellar soft tissues.").
    const labelTied = within(labelled, match.first) && !softTissueAfter(text, tokens, lexicon, match, sentenceOf)
    if (!labelTied && !nearBone(text, tokens, lexicon, plain, match, rule.near, rule.window, sentenceOf) && !(bones && boneNear(text, tokens, lexicon, bones, match, rule.window, sentenceOf))) {
      continue
    }
    kept.push({first: match.first, last: match.last, concept: rule.concept})
  }
  return merge(mentions, kept)
}

/**
 * The matches that name a concept where they stand: not an other sense
 * ("patellar tendon", payload `NO_CONCEPT`, which has won its span from the
 * forms inside it), nor a one-word "T1" or "T2" that names a spinal level
 * rather than an MRI sequence ("C7-T1", "T2-3", "the T2 and T3 vertebrae",
 * "from C5 to T1", "the pedicle of T2", "the T2 pedicle", "at T2"; see
 * `namesLevel`), which is left unexplained. `matches` itself when every
 * match names one (nearly always).
 */
function naming(tokens: Tokens, matches: PhraseMatch[]): PhraseMatch[] {
  let kept: PhraseMatch[] | undefined
  for (let index = 0; index < matches.length; index++) {
    const match = matches[index] as PhraseMatch
    const names = match.payload !== NO_CONCEPT && !(match.first === match.last && levelAt(tokens, match.first) !== 0 && namesLevel(tokens, match.first))
    if (!names) kept ??= matches.slice(0, index)
    else kept?.push(match)
  }
  return kept ?? matches
}

/**
 * Words after a level that name a part of the spine ("T2 pedicle", "T1
 * nerve root"); not "disc" or "endplate", which follow a sequence too ("loss
 * of T2 disc signal", "low T1 endplate signal").
 */
const isSpinePart = wordSet('vertebra vertebrae vertebral body level levels pedicle pedicles facet nerve')
/** Words that join levels in a list or a range ("C6 and T1", "from C5 to T1", "T1 through T4"). */
const isLevelLink = wordSet('and or to through')
const isOfWord = wordSet('of')
/** A level is where something is ("a compression fracture at T2"); a sequence is what it shows on. */
const isAtWord = wordSet('at')

/**
 * Whether token `index` reads as a vertebral level: 1 for "T1" and "T2",
 * which also name MRI sequences, 2 for another ("C7", "T12", "L4", "S1"), 0
 * for none: C, T, L or S (in either case) and a number from 1 to 12.
 */
function levelAt(tokens: Tokens, index: number): number {
  const level = isWord(tokens, index) && LEVEL.exec(tokenText(tokens, index))
  return level ? (level[1] ? 1 : 2) : 0
}
const LEVEL = /^(?:(T[12])|[CTLS](?:1[0-2]|[1-9]))$/i

/** Whether token `index` is a number of one or two digits ("2" in "T1-2"). */
function smallNumber(tokens: Tokens, index: number): boolean {
  return ((tokens.flags[index] ?? 0) & (STARTS_DIGIT | HAS_UPPER | HAS_LOWER)) === STARTS_DIGIT && (tokens.end[index] ?? 0) - (tokens.start[index] ?? 0) <= 2
}

/** Whether a hyphen alone joins token `index` to the one before ("C7-T1"). */
function hyphenBefore(tokens: Tokens, index: number): boolean {
  const at = tokens.end[index - 1] ?? 0
  return tokens.start[index] === at + 1 && isJoiner(tokens.text.charCodeAt(at))
}

/**
 * Whether the level-like word at token `index` names a level where it
 * stands: joined by a hyphen to a level or a number ("C7-T1", "T1-T2",
 * "T2-3"), by "/" to another level or a number ("C7/T1", "T2/3"; not
 * "T1/T2", which reads as the two sequences), or in a list of levels
 * ("and", "or", "to", "through", commas) that holds a level no sequence is
 * named after ("T2 and T3", "from C5 to T1") or ends before a part of the
 * spine ("the T1 and T2 vertebrae"); named as the level "of" a part ("the
 * pedicle of T2") or before one ("the T2 pedicle"); or after "at" ("a
 * compression fracture at T2").
 */
function namesLevel(tokens: Tokens, index: number): boolean {
  const own = levelAt(tokens, index)
  // Forward, then backward, along a list or range of levels.
  for (const step of [1, -1]) {
    let at = index
    for (;;) {
      const next = at + step
      const later = step > 0 ? next : at
      if (hyphenBefore(tokens, later) && (levelAt(tokens, next) !== 0 || smallNumber(tokens, next))) return true
      const code = tokenCode(tokens, next)
      if (code === 0x2f) {
        const other = levelAt(tokens, next + step)
        if (smallNumber(tokens, next + step) || other === 2 || (other === 1 && own === 2)) return true
        break
      }
      if (!(code === 0x2c || isLevelLink(tokens, next))) break
      const other = levelAt(tokens, next + step)
      if (other === 0) break
      if (other === 2) return true
      at = next + step
    }
    if (step > 0 && isSpinePart(tokens, at + 1)) return true
  }
  return (isOfWord(tokens, index - 1) && isSpinePart(tokens, index - 2)) || isAtWord(tokens, index - 1)
}

/**
 * Where a tied form may be kept: around each plain match of a `near`
 * concept, as far as `nearBone` looks (`reachOf`, the widest rule's, so the
 * ranges stay in text order). Only there are tied forms looked for.
 */
function nearRanges(lexicon: CompiledLexicon, plain: readonly PhraseMatch[], length: number): [number, number][] {
  let reach = 0
  for (const rule of lexicon.tied) reach = Math.max(reach, reachOf(rule.window))
  const near = nearConcepts(lexicon)
  const ranges: [number, number][] = []
  for (const match of plain) {
    if (near[match.payload] === 1) ranges.push([Math.max(0, match.first - reach), Math.min(length - 1, match.first + reach)])
  }
  return ranges
}

const nearTables = new WeakMap<CompiledLexicon, Uint8Array>()

/** Per concept, 1 if a tied rule needs it nearby (made once per lexicon). */
function nearConcepts(lexicon: CompiledLexicon): Uint8Array {
  let near = nearTables.get(lexicon)
  if (!near) {
    near = Uint8Array.from(lexicon.concepts, (concept) => (lexicon.tied.some((rule) => rule.near.has(concept.id)) ? 1 : 0))
    nearTables.set(lexicon, near)
  }
  return near
}

/** Two lists of mentions in text order, merged in text order (the first list first where both start at one token). */
function merge(one: readonly Mention[], other: readonly Mention[]): Mention[] {
  const out: Mention[] = []
  let at = 0
  for (const mention of one) {
    for (; at < other.length && (other[at] as Mention).first < mention.first; at++) out.push(other[at] as Mention)
    out.push(mention)
  }
  for (; at < other.length; at++) out.push(other[at] as Mention)
  return out
}

/**
 * Mentions from the plain matches, each body part extended over up to
 * `maxQualifiers` qualifier words right before it. A qualifier that matched
 * alone as a one-word descriptor ("bilateral") joins the body part instead.
 */
function qualify(
  text: string,
  tokens: Tokens,
  lexicon: CompiledLexicon,
  isHeading: (index: number) => boolean,
  plain: readonly PhraseMatch[]
): Mention[] {
  const qualifierWord = qualifierTest(lexicon)
  const mentions: Mention[] = []
  for (const match of plain) {
    const mention: Mention = {first: match.first, last: match.last, concept: match.payload}
    if (lexicon.takesQualifiers[match.payload] === 1) {
      for (let taken = 0; taken < lexicon.maxQualifiers; taken++) {
        const before = mention.first - 1
        if (before < 0 || !isWord(tokens, before) || isHeading(before) || !joinable(text, tokens, mention.first)) break
        if (!qualifierWord(tokens, before)) break
        const previous = mentions.at(-1)
        if (previous && previous.last >= before) {
          const alone = previous.first === before && previous.last === before && lexicon.concepts[previous.concept]?.category === 'descriptor'
          if (!alone) break
          mentions.pop()
        }
        mention.first = before
      }
    }
    mentions.push(mention)
  }
  return mentions
}

const qualifierTests = new WeakMap<CompiledLexicon, (tokens: Tokens, index: number) => boolean>()

/** The test that a token is one of the lexicon's qualifier words (made once per lexicon). */
function qualifierTest(lexicon: CompiledLexicon): (tokens: Tokens, index: number) => boolean {
  let test = qualifierTests.get(lexicon)
  if (!test) {
    test = wordSet(lexicon.qualifierWords)
    qualifierTests.set(lexicon, test)
  }
  return test
}

/** Whether a `blockedBy` phrase ("soft tissue") ends right before the match, not across a blank line. */
function blocked(text: string, tokens: Tokens, lexicon: CompiledLexicon, match: PhraseMatch): boolean {
  if (!joinable(text, tokens, match.first)) return false
  const found: PhraseMatch[] = []
  for (let from = Math.max(0, match.first - 4); from < match.first; from++) {
    phrasesAt(text, tokens, lexicon.blockTrie, from, match.first, found)
  }
  return found.some((phrase) => phrase.last === match.first - 1)
}

/**
 * Whether a `blockedBy` phrase follows the bone word right after it: "the
 * tibial nerve", "the patellar tendon" and "the femoral vessels" name soft
 * tissue, so edema beside them is not tied to a bone.
 */
function namesSoftTissue(text: string, tokens: Tokens, lexicon: CompiledLexicon, bone: PhraseMatch): boolean {
  const next = bone.last + 1
  return next < tokens.length && joinable(text, tokens, next) && softTissueBetween(text, tokens, lexicon, next, next + 1, tokens.length)
}

/** Whether a `blockedBy` phrase ("soft tissues", "fat pad") starts within a few words after the match, in its sentence. */
function softTissueAfter(text: string, tokens: Tokens, lexicon: CompiledLexicon, match: PhraseMatch, sentenceOf: (index: number) => number): boolean {
  const sentence = sentenceOf(match.first)
  let to = match.last + 1
  while (to < tokens.length && to <= match.last + SOFT_TISSUE_REACH && sentenceOf(to) === sentence) to++
  return softTissueBetween(text, tokens, lexicon, match.last + 1, to, tokens.length)
}

/** Whether a `blockedBy` phrase starts at a token from `from` up to (not including) `to`, and ends before `limit`. */
function softTissueBetween(text: string, tokens: Tokens, lexicon: CompiledLexicon, from: number, to: number, limit = to): boolean {
  const found: PhraseMatch[] = []
  for (let index = from; index < to; index++) {
    phrasesAt(text, tokens, lexicon.blockTrie, index, limit, found)
    if (found.length > 0) return true
  }
  return false
}

/** How many tokens after bare "edema" `softTissueAfter` looks: "edema in the prepatellar soft tissues". */
const SOFT_TISSUE_REACH = 6

/** Whether a concept of `near` stands within `window` words of the tied form `match`, in its sentence, and ties it (`ties`). */
function nearBone(
  text: string,
  tokens: Tokens,
  lexicon: CompiledLexicon,
  plain: readonly PhraseMatch[],
  match: PhraseMatch,
  near: ReadonlySet<string>,
  window: number,
  sentenceOf: (index: number) => number
): boolean {
  const sentence = sentenceOf(match.first)
  const reach = reachOf(window)
  for (let index = lowerBound(plain, match.first - reach); index < plain.length; index++) {
    const other = plain[index]
    if (!other || other.first > match.last + reach) break
    if (sentenceOf(other.first) !== sentence) continue
    const concept = lexicon.concepts[other.payload]
    if (concept && near.has(concept.id) && ties(text, tokens, lexicon, match, other, window, sentenceOf)) return true
  }
  return false
}

/**
 * Whether the bone at `bone` (a concept's match or a bone word) ties the
 * tied form `match`: within `window` words, and with no soft tissue named
 * after the bone ("the tibial nerve") or between the two ("edema in the
 * soft tissues around the calcaneus", "edema of the plantar fascia near its
 * calcaneal origin"; "edema of the talus and surrounding soft tissues"
 * keeps the talus), nor right after the edema when the bone is before it
 * ("oedema in the calcaneus and oedema in the plantar fat pad").
 */
function ties(
  text: string,
  tokens: Tokens,
  lexicon: CompiledLexicon,
  match: PhraseMatch,
  bone: PhraseMatch,
  window: number,
  sentenceOf: (index: number) => number
): boolean {
  if (namesSoftTissue(text, tokens, lexicon, bone)) return false
  const after = bone.first > match.last
  if ((after ? countWords(tokens, match.last + 1, bone.first - 1) : countWords(tokens, bone.last + 1, match.first - 1)) > window) return false
  return after ? !softTissueBetween(text, tokens, lexicon, match.last + 1, bone.first) : !softTissueAfter(text, tokens, lexicon, match, sentenceOf)
}

/** A lexicon's bone words (`boneWords`: bones no concept explains), made ready to look for. */
interface BoneWords {
  /** The hashes of their first words' keys, tested before any string is made. */
  hashes: Set<number>
  /** By their first word's key, each as its words' keys. */
  byFirst: Map<string, string[][]>
}

const boneTables = new WeakMap<CompiledLexicon, BoneWords | null>()

/**
 * The lexicon's bone words, or `undefined` without any. Made on first use,
 * not when the lexicon is compiled, so a cold start does not pay for them:
 * they are looked for only around a tied form that no concept ties, which
 * is rare.
 */
function boneWordsOf(lexicon: CompiledLexicon): BoneWords | undefined {
  let bones = boneTables.get(lexicon)
  if (bones === undefined) {
    bones = null
    for (const phrase of lexicon.data.boneWords ?? []) {
      const words = wordLower(phrase).split(/[\s\-\u2010-\u2013]+/).filter((word) => word !== '')
      const first = words[0]
      if (first === undefined) continue
      bones ??= {hashes: new Set(), byFirst: new Map()}
      bones.hashes.add(wordHash(first))
      const list = bones.byFirst.get(first)
      if (list) list.push(words)
      else bones.byFirst.set(first, [words])
    }
    boneTables.set(lexicon, bones)
  }
  return bones ?? undefined
}

/** The last token of the longest bone word that starts at token `index`, or -1 (a string is made only for a likely first word). */
function boneAt(tokens: Tokens, bones: BoneWords, index: number): number {
  if (!isWord(tokens, index) || !bones.hashes.has(tokens.hash[index] ?? 0)) return -1
  let last = -1
  for (const words of bones.byFirst.get(tokenLower(tokens, index)) ?? []) {
    let word = 1
    while (word < words.length && isWord(tokens, index + word) && tokenLower(tokens, index + word) === words[word]) word++
    if (word === words.length) last = Math.max(last, index + word - 1)
  }
  return last
}

/** Whether a bone word within `window` words of the tied form `match`, in its sentence, ties it (`ties`). */
function boneNear(
  text: string,
  tokens: Tokens,
  lexicon: CompiledLexicon,
  bones: BoneWords,
  match: PhraseMatch,
  window: number,
  sentenceOf: (index: number) => number
): boolean {
  const sentence = sentenceOf(match.first)
  const reach = reachOf(window)
  for (let index = Math.max(0, match.first - reach); index < tokens.length && index <= match.last + reach; index++) {
    if (index >= match.first && index <= match.last) continue
    const last = boneAt(tokens, bones, index)
    if (last < 0 || (last >= match.first && index <= match.last) || sentenceOf(index) !== sentence) continue
    if (ties(text, tokens, lexicon, match, {first: index, last, payload: -1}, window, sentenceOf)) return true
  }
  return false
}

/** Whether token `index` lies in one of `ranges` (`[first, last]`, in text order, not overlapping). */
function within(ranges: readonly (readonly [number, number])[], index: number): boolean {
  const low = partition(ranges.length, (middle) => (ranges[middle] as readonly [number, number])[0] <= index)
  return low > 0 && index <= (ranges[low - 1] as readonly [number, number])[1]
}

/** How many tokens away from a tied form `nearBone` looks for a concept within `window` words: a bound, so the search stays short (punctuation between the words counts toward it). */
function reachOf(window: number): number {
  return window * 4 + 8
}

function countWords(tokens: Tokens, from: number, to: number): number {
  let count = 0
  for (let index = from; index <= to; index++) if (isWord(tokens, index)) count++
  return count
}
