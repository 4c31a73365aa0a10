/**
 * Stage 5: lexicon matches.
 *
 * Each token is looked up once in the lexicon's vocabulary (by the hash the
 * tokenizer recorded, no strings made), then a word trie is walked over the
 * ids: whole words, any case except abbreviations (see `wordKey`), and
 * tolerant of spaces, hyphens and a single line break between the words of a
 * phrase. Where matches overlap, the one with more tokens wins and the
 * shorter one is tried again elsewhere, so "subchondral bone marrow oedema"
 * gives "subchondral" + "bone marrow oedema" even though "subchondral bone"
 * is also a phrase.
 */
import type {FlatTrie, TrieNode, Vocabulary} from './lexicon/compile.js'
import {sortSmall} from './sort.js'
import {BREAK_BEFORE, endsLine, exactId, isAbbreviation, vocabularyEntry, WORD, wordLower, WRAP_BEFORE, type TokenIds, type Tokens} from './tokens.js'

export interface PhraseMatch {
  /** First token. */
  first: number
  /** Last token (inclusive). */
  last: number
  /** Payload stored with the phrase in the trie. */
  payload: number
}

/** Vocabulary ids of every token (see `TokenIds`). */
export type WordIds = TokenIds

const idCache = new WeakMap<Tokens, WordIds>()

/**
 * Look every token up in `vocabulary`: the ids `tokenize` computed when it
 * was given this vocabulary, else a pass over the tokens (memoised per token
 * list and vocabulary).
 */
export function wordIds(tokens: Tokens, vocabulary: Vocabulary): WordIds {
  if (tokens.ids?.vocabulary === vocabulary) return tokens.ids
  const cached = idCache.get(tokens)
  if (cached?.vocabulary === vocabulary) return cached
  const length = tokens.length
  const lower = new Int32Array(length).fill(-1)
  const exact = new Int32Array(length).fill(-1)
  const {hash, flags, kind, start, end, text} = tokens
  for (let index = 0; index < length; index++) {
    const from = start[index] as number
    const to = end[index] as number
    const f = flags[index] as number
    const word = kind[index] === WORD
    const entry = vocabularyEntry(vocabulary, text, from, to, hash[index] as number, f, word)
    if (entry < 0) continue
    lower[index] = vocabulary.ids[entry] as number
    if (word) exact[index] = exactId(vocabulary, entry, text, from, to, f)
  }
  const result = {vocabulary, lower, exact}
  idCache.set(tokens, result)
  return result
}

function idsFor(tokens: Tokens, trie: TrieNode): WordIds | undefined {
  if (!trie.vocabulary) return undefined
  const ids = wordIds(tokens, trie.vocabulary)
  if (ids.joined === undefined) ids.joined = joinedIds(tokens, ids.vocabulary)
  return ids
}

/** A hyphen, then at most spaces and tabs around one line break: a word split at a line wrap. */
const WRAP = /[-\u2010\u2011\u00ad][ \t]*(?:\r\n?|\n|\u2028|\u2029)[ \t]*/y

/**
 * For each word split from the next by a hyphen at a line wrap, the id of
 * the two read as one word (the lexicon's "subchondral" for "sub-⏎chondral"),
 * else -1; `null` when no token has the tokenizer's `WRAP_BEFORE` flag.
 */
export function joinedIds(tokens: Tokens, vocabulary: Vocabulary): Int32Array | null {
  const {text, kind, start, end, flags} = tokens
  let joined: Int32Array | null = null
  // A wrap has a line break: only `tokens.breaks` can follow one.
  for (const next of tokens.breaks) {
    const index = next - 1
    if (index < 0 || ((flags[next] as number) & WRAP_BEFORE) === 0) continue
    joined ??= new Int32Array(tokens.length).fill(-1)
    const gap = end[index] as number
    if (kind[index] !== WORD || kind[index + 1] !== WORD || (start[index + 1] as number) - gap < 2) continue
    WRAP.lastIndex = gap
    if (!WRAP.test(text) || WRAP.lastIndex !== start[index + 1]) continue
    const raw = text.slice(start[index], gap) + text.slice(start[index + 1], end[index + 1])
    const entry = vocabulary.byKey.get(wordLower(raw))
    if (entry === undefined) continue
    const spellings = vocabulary.exact[entry]
    const spelled = spellings && isAbbreviation(raw) ? spellings.find((item) => item.spelling === raw) : undefined
    joined[index] = spelled ? spelled.id : (vocabulary.ids[entry] as number)
  }
  return joined
}

/** Whether the gap between tokens `index - 1` and `index` may sit inside a phrase. */
export function joinable(text: string, tokens: Tokens, index: number): boolean {
  if (((tokens.flags[index] ?? 0) & BREAK_BEFORE) === 0) return true
  const from = tokens.end[index - 1] ?? 0
  const to = tokens.start[index] ?? 0
  let breaks = 0
  for (let offset = from; offset < to; offset++) {
    if (endsLine(text, offset)) {
      breaks++
      if (breaks > 1) return false
    }
  }
  return true
}

/** The child of `node` for vocabulary id `word`, or -1. */
function childOf(trie: FlatTrie, node: number, word: number): number {
  if (word < 0) return -1
  if (node === 0) return word < trie.root.length ? (trie.root[word] as number) : -1
  const end = trie.childStart[node + 1] as number
  for (let index = trie.childStart[node] as number; index < end; index++) {
    const key = trie.childWord[index] as number
    if (key === word) return trie.childNode[index] as number
    if (key > word) break
  }
  return -1
}

function emit(trie: FlatTrie, node: number, first: number, last: number, out: PhraseMatch[]): void {
  const end = trie.endStart[node + 1] as number
  for (let index = trie.endStart[node] as number; index < end; index++) out.push({first, last, payload: trie.endPayload[index] as number})
}

/**
 * Follow the trie from `node` over tokens `index`, `index + 1`, ... below
 * `limit`, recording every phrase end. A token in capitals may follow two
 * keys (its spelling and its lower-case form); the spelling goes first.
 */
function walk(
  text: string,
  tokens: Tokens,
  ids: WordIds,
  trie: FlatTrie,
  node: number,
  first: number,
  index: number,
  limit: number,
  out: PhraseMatch[]
): void {
  for (; index < limit; index++) {
    const exact = childOf(trie, node, ids.exact[index] as number)
    const child = childOf(trie, node, ids.lower[index] as number)
    const whole = ids.joined && index + 1 < limit ? childOf(trie, node, ids.joined[index] as number) : -1
    if ((exact < 0 && child < 0 && whole < 0) || (index > first && !joinable(text, tokens, index))) return
    if (whole >= 0) {
      // Two tokens read as one word across a hyphenated line wrap.
      emit(trie, whole, first, index + 1, out)
      walk(text, tokens, ids, trie, whole, first, index + 2, limit, out)
    }
    if (exact >= 0) {
      emit(trie, exact, first, index, out)
      walk(text, tokens, ids, trie, exact, first, index + 1, limit, out)
    }
    if (child < 0) return
    emit(trie, child, first, index, out)
    node = child
  }
}

/** Every phrase of `trie` that starts at token `first`, shorter first. */
export function phrasesAt(
  text: string,
  tokens: Tokens,
  trie: TrieNode,
  first: number,
  limit: number,
  out: PhraseMatch[]
): void {
  const ids = idsFor(tokens, trie)
  if (ids && first >= 0 && first < limit) walk(text, tokens, ids, trie.flat as FlatTrie, 0, first, first, Math.min(limit, tokens.length), out)
}

const startTables = new WeakMap<FlatTrie, Uint8Array>()

/**
 * Per vocabulary id + 1, 1 if a phrase of the trie starts with that word (so
 * the id -1, no word of the vocabulary, reads index 0, always 0): the matcher
 * tests each token with two reads and no range checks.
 */
function startsOf(flat: FlatTrie): Uint8Array {
  let starts = startTables.get(flat)
  if (!starts) {
    starts = new Uint8Array(flat.root.length + 1)
    for (let id = 0; id < flat.root.length; id++) if ((flat.root[id] as number) >= 0) starts[id + 1] = 1
    startTables.set(flat, starts)
  }
  return starts
}

/**
 * The test that a phrase of `trie` may start at a token of `tokens` (a cheap
 * test before `phrasesAt`), made once for many tokens: the look-ups of the
 * ids and the start table are done here, not per token.
 */
export function startTest(tokens: Tokens, trie: TrieNode): (index: number) => boolean {
  const ids = idsFor(tokens, trie)
  if (!ids) return () => false
  const starts = startsOf(trie.flat as FlatTrie)
  return (index) => index >= 0 && index < tokens.length && nextStart(starts, ids, index, index + 1) === index
}

/**
 * All non-overlapping matches of `trie` among tokens `[from, to)`, in text
 * order. `skip(index)` excludes tokens (for example section headings).
 */
export function findPhrases(
  text: string,
  tokens: Tokens,
  trie: TrieNode,
  from = 0,
  to = tokens.length,
  skip?: (index: number) => boolean
): PhraseMatch[] {
  const candidates: PhraseMatch[] = []
  const ids = idsFor(tokens, trie)
  if (!ids) return candidates
  // (Every root has its flat form: see `TrieNode`.)
  const flat = trie.flat as FlatTrie
  const starts = startsOf(flat)
  const limit = Math.min(to, tokens.length)
  for (let index = nextStart(starts, ids, Math.max(0, from), limit); index < limit; index = nextStart(starts, ids, index + 1, limit)) {
    if (skip?.(index)) continue
    walk(text, tokens, ids, flat, 0, index, index, limit, candidates)
  }
  return selectLongest(candidates, skip)
}

/**
 * The first token from `index` (below `limit`, else `limit`) where a phrase
 * may start: its word, or the word it makes across a wrap, starts one
 * (`starts`: see `startsOf`). Most tokens start none: a loop of its own, with
 * no call and no branch on `joined` in it (most texts have no wrap), keeps
 * it short.
 */
function nextStart(starts: Uint8Array, ids: WordIds, index: number, limit: number): number {
  const {lower, exact, joined} = ids
  if (!joined) {
    for (; index < limit; index++) {
      if (((starts[(lower[index] as number) + 1] as number) | (starts[(exact[index] as number) + 1] as number)) !== 0) return index
    }
    return limit
  }
  for (; index < limit; index++) {
    if (((starts[(lower[index] as number) + 1] as number) | (starts[(exact[index] as number) + 1] as number) | (starts[(joined[index] as number) + 1] as number)) !== 0) return index
  }
  return limit
}

/**
 * The matches of `findPhrases(text, tokens, trie, 0, tokens.length, skip)`
 * that overlap the token ranges `[first, last]` (in text order), and maybe
 * a few around them, without reading the whole text. Each range is widened
 * to tokens no phrase can hold (see `outside`): no candidate crosses those,
 * so the longest-match choice between them is the same as over the whole
 * text. Linear: a token is read by one widening at most.
 */
export function findPhrasesWithin(
  text: string,
  tokens: Tokens,
  trie: TrieNode,
  ranges: readonly (readonly [number, number])[],
  skip?: (index: number) => boolean
): PhraseMatch[] {
  const found: PhraseMatch[] = []
  const ids = idsFor(tokens, trie)
  if (!ids) return found
  // Tokens before `done` are read.
  let done = 0
  for (let at = 0; at < ranges.length; ) {
    const [first, last] = ranges[at++] as readonly [number, number]
    let from = Math.max(first, done)
    while (from > done && !outside(ids, from - 1)) from--
    let to = Math.max(from, last + 1)
    for (;;) {
      while (to < tokens.length && !outside(ids, to)) to++
      const next = ranges[at]
      if (!next || next[0] > to) break
      to = Math.max(to, next[1] + 1)
      at++
    }
    for (const match of findPhrases(text, tokens, trie, from, to, skip)) found.push(match)
    done = to
  }
  return found
}

/** Whether no phrase can hold token `index`: it is no word of the vocabulary, alone or joined across a wrap with a neighbour. */
function outside(ids: WordIds, index: number): boolean {
  if ((ids.lower[index] as number) >= 0 || (ids.exact[index] as number) >= 0) return false
  return !ids.joined || ((ids.joined[index] as number) < 0 && (index === 0 || (ids.joined[index - 1] as number) < 0))
}

/**
 * Keep the longest of overlapping candidates (ties: the earlier one, then the
 * earlier payload), and return the kept ones in text order. A phrase with
 * several payloads (a cue word listed under two categories, each for other
 * targets) is one candidate per payload, all kept when one is. Candidates that
 * overlap nothing are kept as they are; only each cluster of overlapping
 * ones is sorted.
 */
export function selectLongest(candidates: PhraseMatch[], skip?: (index: number) => boolean): PhraseMatch[] {
  let sorted = candidates
  for (let index = 1; index < candidates.length; index++) {
    if ((candidates[index] as PhraseMatch).first < (candidates[index - 1] as PhraseMatch).first) {
      // Stable, so candidates with the same first token keep their order.
      sorted = [...candidates].sort((a, b) => a.first - b.first)
      break
    }
  }
  const kept: PhraseMatch[] = []
  let index = 0
  while (index < sorted.length) {
    const head = sorted[index] as PhraseMatch
    let reach = head.last
    let end = index + 1
    while (end < sorted.length && (sorted[end] as PhraseMatch).first <= reach) {
      reach = Math.max(reach, (sorted[end] as PhraseMatch).last)
      end++
    }
    if (end === index + 1) {
      if (!skip || !spansSkipped(head, skip)) kept.push(head)
    } else {
      keepLongest(sorted, index, end, skip, kept)
    }
    index = end
  }
  return kept
}

/** The longest-first choice within one cluster `[from, to)` of overlapping candidates; appends in text order. */
function keepLongest(sorted: readonly PhraseMatch[], from: number, to: number, skip: ((index: number) => boolean) | undefined, kept: PhraseMatch[]): void {
  // The usual cluster ("bone marrow edema" with "bone marrow", "marrow" ...):
  // the first choice spans the whole cluster, so it is the only one.
  let best = sorted[from] as PhraseMatch
  let high = best.last
  for (let index = from + 1; index < to; index++) {
    const match = sorted[index] as PhraseMatch
    if (longer(match, best) < 0) best = match
    high = Math.max(high, match.last)
  }
  if (best.first === (sorted[from] as PhraseMatch).first && best.last === high && (!skip || !spansSkipped(best, skip))) {
    const at = kept.length
    kept.push(best)
    for (let index = from; index < to; index++) tie(sorted[index] as PhraseMatch, kept, at)
    return
  }
  // A few candidates (the usual case): test each against the chosen ones.
  // Many: mark taken tokens, so a long chain of overlaps stays linear.
  const small = to - from <= 16
  const order = sortSmall(sorted.slice(from, to), longer)
  const low = (sorted[from] as PhraseMatch).first
  let taken: Uint8Array | undefined
  if (!small) {
    let high = low
    for (let index = from; index < to; index++) high = Math.max(high, (sorted[index] as PhraseMatch).last)
    taken = new Uint8Array(high - low + 1)
  }
  const chosen: PhraseMatch[] = []
  // Where the last chosen span's ties begin in `chosen`.
  let group = 0
  for (const match of order) {
    if (chosen.length > 0 && sameSpan(match, chosen[group] as PhraseMatch)) {
      tie(match, chosen, group)
      continue
    }
    if (!free(match, chosen, taken, low, skip)) continue
    group = chosen.length
    if (taken) for (let index = match.first; index <= match.last; index++) taken[index - low] = 1
    chosen.push(match)
  }
  sortSmall(chosen, (a, b) => a.first - b.first)
  for (const match of chosen) kept.push(match)
}

/** Whether two matches cover the same tokens. */
function sameSpan(x: PhraseMatch, y: PhraseMatch): boolean {
  return x.first === y.first && x.last === y.last
}

/**
 * Keep `match` too if it has the span of `kept[from]` (kept, with its
 * ties, from there on) and a payload none of those has: one phrase with
 * several payloads. The same phrase found twice (by two ways through a
 * wrapped word) is kept once.
 */
function tie(match: PhraseMatch, kept: PhraseMatch[], from: number): void {
  if (!sameSpan(match, kept[from] as PhraseMatch)) return
  for (let index = from; index < kept.length; index++) if ((kept[index] as PhraseMatch).payload === match.payload) return
  kept.push(match)
}

/** Order of choice: more tokens first, then the earlier first token (a stable sort keeps the earlier candidate first). */
function longer(x: PhraseMatch, y: PhraseMatch): number {
  return y.last - y.first - (x.last - x.first) || x.first - y.first
}

function free(
  match: PhraseMatch,
  chosen: readonly PhraseMatch[],
  taken: Uint8Array | undefined,
  low: number,
  skip: ((index: number) => boolean) | undefined
): boolean {
  if (taken) {
    for (let index = match.first; index <= match.last; index++) if (taken[index - low] === 1) return false
  } else {
    for (const other of chosen) if (other.first <= match.last && match.first <= other.last) return false
  }
  return !skip || !spansSkipped(match, skip)
}

function spansSkipped(match: PhraseMatch, skip: (index: number) => boolean): boolean {
  for (let index = match.first; index <= match.last; index++) if (skip(index)) return true
  return false
}
